"""scikit-learn's SpectralClustering on the first n Fashion-MNIST training images (pixels / 255).

Usage: sklearn_spectral.py IMAGES_GZ N NEIGHBORS SEED LABELS_OUT
Prints one line: seconds=... peak_rss_mb=... sklearn=VERSION
"""
import gzip
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import SpectralClustering


def read_images(path, n):
    with gzip.open(path, "rb") as f:
        header = np.frombuffer(f.read(16), dtype=">u4")
        if header[0] != 0x803:
            raise SystemExit(f"{path}: byte 0: expected IDX3 magic 0x803, found {header[0]:#x}")
        d = int(header[2]) * int(header[3])
        data = np.frombuffer(f.read(n * d), dtype=np.uint8)
    return data.reshape(n, d).astype(np.float32) / 255.0


def main():
    images, n, neighbors, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    x = read_images(images, n)
    model = SpectralClustering(n_clusters=10, affinity="nearest_neighbors", n_neighbors=neighbors,
                               assign_labels="kmeans", random_state=seed, n_jobs=None)
    t0 = time.perf_counter()
    labels = model.fit_predict(x)
    seconds = time.perf_counter() - t0
    np.savetxt(out, labels, fmt="%d")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"seconds={seconds:.2f} peak_rss_mb={rss} sklearn={sklearn.__version__}")


if __name__ == "__main__":
    main()
