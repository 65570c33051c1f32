#!/usr/bin/python3
"""Writes metrics-oracle.json: label vectors and feature rows with the values that scikit-learn
(Debian's python3-sklearn 1.2.1), numpy and scipy compute for them. The Java metric tests read the
file and must agree to 1e-9.

Run from this folder:  /usr/bin/python3 make_metrics_oracle.py
"""
import json

import numpy as np
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn import metrics
from sklearn.metrics.cluster import contingency_matrix

rng = np.random.default_rng(20260501)


def noisy(truth, n_clusters, keep):
    """A clustering that copies a relabelled truth with probability `keep`, else random."""
    perm = rng.permutation(max(n_clusters, truth.max() + 1))
    pred = perm[truth] % n_clusters
    flip = rng.random(truth.size) > keep
    pred[flip] = rng.integers(0, n_clusters, flip.sum())
    return pred


def external_case(name, truth, pred):
    truth = np.asarray(truth, dtype=np.int64)
    pred = np.asarray(pred, dtype=np.int64)
    c = contingency_matrix(truth, pred)
    rows, cols = linear_sum_assignment(-c)
    h, comp, v = metrics.homogeneity_completeness_v_measure(truth, pred)
    values = {
        "purity": float(c.max(axis=0).sum() / c.sum()),
        "accuracy": float(c[rows, cols].sum() / c.sum()),
        "ari": metrics.adjusted_rand_score(truth, pred),
        "homogeneity": h,
        "completeness": comp,
        "v-measure": v,
        "fowlkes-mallows": metrics.fowlkes_mallows_score(truth, pred),
        "mutual-information": metrics.mutual_info_score(truth, pred),
    }
    for avg in ["arithmetic", "geometric", "min", "max"]:
        values["nmi-" + avg] = metrics.normalized_mutual_info_score(truth, pred, average_method=avg)
        values["ami-" + avg] = metrics.adjusted_mutual_info_score(truth, pred, average_method=avg)
    return {"name": name, "truth": truth.tolist(), "predicted": pred.tolist(),
            "contingency": c.tolist(), "values": {k: float(v) for k, v in values.items()}}


def internal_case(name, x, labels, k):
    x = np.asarray(x, dtype=np.float32).astype(np.float64)  # rows exactly representable as float32
    labels = np.asarray(labels, dtype=np.int64)
    # Centroids as a clustering would report them: float32 means (empty clusters at the origin).
    cent = np.zeros((k, x.shape[1]), dtype=np.float64)
    for j in range(k):
        if np.any(labels == j):
            cent[j] = x[labels == j].mean(axis=0)
    cent = cent.astype(np.float32).astype(np.float64)
    values = {
        "distortion": float(((x - cent[labels]) ** 2).sum()),
        "mean-distortion": float(((x - cent[labels]) ** 2).sum() / x.shape[0]),
        # Exact pairwise distances, so that the oracle does not carry the rounding of the
        # |x|^2 - 2xy + |y|^2 expansion that euclidean_distances uses for speed.
        "silhouette": float(metrics.silhouette_score(
            metrics.pairwise_distances(x, metric="minkowski", p=2), labels, metric="precomputed")),
        # scikit-learn's default path (the dot-product expansion), for comparison.
        "silhouette-default-path": float(metrics.silhouette_score(x, labels)),
        "calinski-harabasz": float(metrics.calinski_harabasz_score(x, labels)),
        "davies-bouldin": float(metrics.davies_bouldin_score(x, labels)),
    }
    return {"name": name, "k": k, "rows": x.tolist(), "labels": labels.tolist(),
            "centroids": cent.tolist(), "values": values}


external = []
t = rng.integers(0, 10, 200)
external.append(external_case("random-10-classes-7-clusters", t, rng.integers(0, 7, 200)))
t = rng.integers(0, 10, 500)
external.append(external_case("noisy-15-clusters-for-10-classes", t, noisy(t, 15, 0.6)))
t = rng.integers(0, 10, 3000)
external.append(external_case("noisy-10-clusters-n3000", t, noisy(t, 10, 0.55)))
t = rng.integers(0, 6, 400)
external.append(external_case("noisy-4-clusters-for-6-classes", t, noisy(t, 4, 0.7)))
t = rng.integers(0, 5, 120)
external.append(external_case("perfect-up-to-relabelling", t, (t * 3 + 1) % 5))
external.append(external_case("single-cluster", rng.integers(0, 3, 50), np.zeros(50, dtype=np.int64)))
external.append(external_case("single-class-and-cluster", np.zeros(20, dtype=np.int64), np.zeros(20, dtype=np.int64)))
external.append(external_case("every-image-alone", np.arange(30) % 3, np.arange(30)))
external.append(external_case("sparse-label-values", rng.choice([0, 4, 9], 80), rng.choice([1, 5, 6, 12], 80)))
external.append(external_case("scikit-learn-doc-example", [0, 0, 1, 1], [1, 1, 0, 0]))
external.append(external_case("split-classes", [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]))

internal = []
centres = rng.normal(0, 4, (3, 5))
lab = np.repeat(np.arange(3), 20)
internal.append(internal_case("blobs-3x20-in-5d", centres[lab] + rng.normal(0, 1, (60, 5)), lab, 3))
x = rng.random((150, 8))
lab = rng.integers(0, 4, 150)
lab[7] = 4  # a cluster of one image (silhouette 0 for it)
internal.append(internal_case("random-150x8-with-singleton", x, lab, 5))
x = rng.normal(0, 1, (90, 12))
lab = rng.integers(0, 3, 90) * 2  # clusters 0, 2, 4 of k = 6: empty clusters in between
internal.append(internal_case("empty-clusters-between", x, lab, 6))
x = rng.normal(0, 1, (40, 3)) * 100 + 1000
lab = np.arange(40) % 2
internal.append(internal_case("large-offset-values", x, lab, 2))

with open("metrics-oracle.json", "w") as f:
    json.dump({"generator": "make_metrics_oracle.py",
               "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
               "external": external, "internal": internal}, f)
