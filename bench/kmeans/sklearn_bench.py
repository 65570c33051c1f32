#!/usr/bin/python3
"""scikit-learn's side of the k-means benchmark (bench/kmeans/run.sh runs it next to ours).

Usage: sklearn_bench.py OUT REPEATS FASHION_MNIST_FOLDER CASE
(CASE: fmnist_k10, fmnist_k50, cifar_k10 or cifar_k100)

Reads the starting centroids and the CIFAR-shaped matrix that KMeansBench wrote to OUT for the
case, runs scikit-learn's KMeans from exactly those starts, and writes OUT/sklearn_CASE.json. Per-iteration time
is (fit with max_iter=m) - (fit with max_iter=1), divided by the iterations actually run less one,
so that input checks and the final assignment are not charged to the iterations. Also runs the oracle check: Lloyd on full
Fashion-MNIST K=10 in float64 from our start, with labels written for comparison.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus


def fashion(folder):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()
    n = int.from_bytes(raw[4:8], "big")
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, -1)
    return x.astype(np.float32) / np.float32(255.0)


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def timed_cpu(fn):
    """Wall seconds and process CPU seconds (all threads; not inflated by machine load)."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def main():
    out, repeats, folder, case = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    samples, facts = {}, {"sklearn": sklearn.__version__, "numpy": np.__version__}

    def record(key, value):
        samples.setdefault(key, []).append(value)
        print(f"sklearn {key:36s} {value:10.4f}", flush=True)

    k = int(case.split("_k")[1])
    c = case
    start = np.load(os.path.join(out, f"start_{c}.npy"))
    if case.startswith("fmnist"):
        x = fashion(folder)
        for r in range(repeats):
            t, cpu, _ = timed_cpu(lambda: kmeans_plusplus(x, k, random_state=r))
            record(f"{c}.seed_s", t)
            record(f"{c}.seed_cpu_s", cpu)
            for algo in ("lloyd", "elkan"):
                km = KMeans(k, init=start, n_init=1, algorithm=algo)
                t, cpu, _ = timed_cpu(lambda: km.fit(x))
                record(f"{c}.{algo}.fit_s", t)
                record(f"{c}.{algo}.fit_cpu_s", cpu)
                facts[f"{c}.{algo}.iterations"] = int(km.n_iter_)
                facts[f"{c}.{algo}.distortion"] = float(km.inertia_)
            m = 11
            t1, _ = timed(lambda: KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=1, tol=0).fit(x))
            tm, _ = timed(lambda: KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=m, tol=0).fit(x))
            record(f"{c}.lloyd.iter_ms", 1000 * (tm - t1) / (m - 1))
        if k == 10:
            # Oracle: float64 Lloyd from our start; labels for the comparison in report.py.
            km = KMeans(k, init=start.astype(np.float64), n_init=1, algorithm="lloyd").fit(x.astype(np.float64))
            np.savetxt(os.path.join(out, f"labels_{c}_sklearn64.txt"), km.labels_, fmt="%d")
            facts[f"{c}.lloyd64.iterations"] = int(km.n_iter_)
            facts[f"{c}.lloyd64.distortion"] = float(km.inertia_)
    else:
        x = np.load(os.path.join(out, "cifar_shaped.npy"))
        KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=1, tol=0).fit(x)  # warm-up (thread pool)
        for r in range(repeats):
            m = 5
            t1, c1, _ = timed_cpu(lambda: KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=1, tol=0).fit(x))
            tm, cm, km = timed_cpu(lambda: KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=m, tol=0).fit(x))
            # tol=0 still stops when no label changes, which this data reaches in a few iterations:
            # divide by the iterations actually run
            ran = int(km.n_iter_)
            facts[f"{c}.lloyd.iterations"] = ran
            if ran > 1:
                record(f"{c}.lloyd.iter_ms", 1000 * (tm - t1) / (ran - 1))
                record(f"{c}.lloyd.iter_cpu_ms", 1000 * (cm - c1) / (ran - 1))
            facts[f"{c}.lloyd.distortion"] = float(km.inertia_)
    with open(os.path.join(out, f"sklearn_{case}.json"), "w") as f:
        json.dump({"samples": samples, "facts": facts}, f, indent=1)


if __name__ == "__main__":
    main()
