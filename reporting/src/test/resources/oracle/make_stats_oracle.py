#!/usr/bin/python3
"""Writes stats-oracle.json: samples with the statistics scipy (Debian's python3-scipy 1.10)
computes for them, independently of Commons Math: mean, sample sd, median, min, max, the 95%
Student-t interval, the paired t-test, the exact Wilcoxon signed-rank test, and Holm-adjusted
p-values (Holm 1979, written out below from its definition).

Run from this folder:  /usr/bin/python3 make_stats_oracle.py
"""
import json

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(7)


def describe(x):
    x = np.asarray(x, dtype=float)
    n = x.size
    half = stats.t.ppf(0.975, n - 1) * x.std(ddof=1) / np.sqrt(n)
    return {"values": x.tolist(), "n": n, "mean": x.mean(), "sd": x.std(ddof=1), "median": float(np.median(x)),
            "min": x.min(), "max": x.max(), "ciLow": x.mean() - half, "ciHigh": x.mean() + half}


def paired(a, b, mode="exact"):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return {"a": a.tolist(), "b": b.tolist(), "meanDifference": float((a - b).mean()),
            "tTestP": float(stats.ttest_rel(a, b).pvalue),
            "wilcoxonP": float(stats.wilcoxon(a, b, zero_method="wilcox", correction=False, mode=mode).pvalue)}


def holm(p):
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    m = p.size
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return {"p": p.tolist(), "adjusted": adjusted.tolist()}


samples = [describe(rng.normal(0.55, 0.03, 5)), describe(rng.normal(1.2e5, 900, 10)),
           describe([0.5, 0.25]), describe(rng.random(7)), describe([3.0, 1.0, 2.0, 4.0])]
pairs = []
for n, shift in [(5, 0.02), (8, 0.0), (12, 0.01), (20, -0.005), (30, 0.003)]:
    a = rng.normal(0.6, 0.02, n)
    b = a - shift + rng.normal(0, 0.01, n)
    pairs.append(paired(a, b))
# Tied magnitudes, a zero difference, and more than 50 pairs: the normal approximation.
pairs.append(paired([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], [0.5, 2.5, 2.0, 4.0, 4.0, 5.5, 8.0, 7.0, 8.5, 9.0],
                    mode="approx"))
a = rng.normal(0.6, 0.02, 60)
pairs.append(paired(a, a - 0.004 + rng.normal(0, 0.01, 60), mode="approx"))
holms = [holm([0.01, 0.04, 0.03, 0.005]), holm([0.2, 0.01, 0.5, 0.01, 0.04]), holm([0.9])]

with open("stats-oracle.json", "w") as f:
    json.dump({"generator": "make_stats_oracle.py", "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
               "summaries": samples, "paired": pairs, "holm": holms}, f, indent=1)
