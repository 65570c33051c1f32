#!/usr/bin/python3
"""Writes the scikit-learn oracle fixture that KMeansOracleTest checks on every build.

Run from this folder with Debian's scikit-learn (apt-get install python3-sklearn):
    /usr/bin/python3 make_kmeans_fixture.py

The data are 8 overlapping Gaussian blobs, 900 rows x 24 features, rounded to float32 so that
Java reads exactly the values scikit-learn saw; the initial centroids are 8 rows of the data.
scikit-learn runs KMeans(algorithm="lloyd", n_init=1, tol=1e-4, max_iter=300) from those
centroids in float64, and its final labels, centroids, inertia and iteration count are written.
"""
import json

import numpy as np
import sklearn
from sklearn.cluster import KMeans

rng = np.random.RandomState(20240611)
k, per, d = 8, 112, 24
means = rng.normal(0.0, 0.9, size=(k, d))
x = np.vstack([m + rng.normal(0.0, 1.0, size=(per, d)) for m in means])
x = np.vstack([x, rng.uniform(-4, 4, size=(900 - k * per, d))])  # some background noise
x = x.astype(np.float32)
init_rows = rng.choice(x.shape[0], size=k, replace=False)
init = x[init_rows]

km = KMeans(n_clusters=k, init=init.astype(np.float64), n_init=1, algorithm="lloyd",
            tol=1e-4, max_iter=300)
km.fit(x.astype(np.float64))

fmt = "%.9g"  # float32 values round-trip through 9 significant digits
np.savetxt("kmeans_data.csv", x, delimiter=",", fmt=fmt)
np.savetxt("kmeans_init.csv", init, delimiter=",", fmt=fmt)
np.savetxt("kmeans_sklearn_labels.csv", km.labels_, fmt="%d")
np.savetxt("kmeans_sklearn_centroids.csv", km.cluster_centers_, delimiter=",", fmt="%.17g")
with open("kmeans_sklearn_result.json", "w") as f:
    json.dump({"sklearn_version": sklearn.__version__, "inertia": float(km.inertia_),
               "n_iter": int(km.n_iter_), "tol": 1e-4, "init_rows": init_rows.tolist()}, f, indent=1)
print("inertia", km.inertia_, "iterations", km.n_iter_)
