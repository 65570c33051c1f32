"""Scores label files against the first n Fashion-MNIST training labels and against each other.

Usage: compare.py LABELS_GZ NAME=FILE [NAME=FILE ...]
Prints, per labeling, NMI (arithmetic normalisation, scikit-learn's default), purity and ARI to the
truth, then the ARI between every pair of labelings.
"""
import gzip
import itertools
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix


def read_labels(path, n):
    with gzip.open(path, "rb") as f:
        header = np.frombuffer(f.read(8), dtype=">u4")
        if header[0] != 0x801:
            raise SystemExit(f"{path}: byte 0: expected IDX1 magic 0x801, found {header[0]:#x}")
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(int)


def main():
    runs = dict(arg.split("=", 1) for arg in sys.argv[2:])
    labelings = {name: np.loadtxt(path, dtype=int) for name, path in runs.items()}
    n = len(next(iter(labelings.values())))
    truth = read_labels(sys.argv[1], n)
    for name, pred in labelings.items():
        table = contingency_matrix(truth, pred)
        purity = table.max(axis=0).sum() / n
        print(f"{name}: nmi={normalized_mutual_info_score(truth, pred):.4f} purity={purity:.4f} "
              f"ari_truth={adjusted_rand_score(truth, pred):.4f}")
    for (a, pa), (b, pb) in itertools.combinations(labelings.items(), 2):
        print(f"ari({a},{b})={adjusted_rand_score(pa, pb):.4f}")


if __name__ == "__main__":
    main()
