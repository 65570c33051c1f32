#!/usr/bin/python3
"""Writes stats-oracle.json: samples with the statistics scipy (Debian's python3-scipy 1.10)
computes for them, independently of Commons Math: mean, sample sd, median, min, max, the 95%
Student-t interval (its quantile from mpmath, see t_quantile), the paired t-test, the Wilcoxon
signed-rank test (with scipy's default arguments: tied magnitudes, zero differences, 3 to 12 and
50 or 51 pairs), Student t quantiles, and Holm-adjusted p-values (Holm 1979, written out below
from its definition).

Run from this folder:  /usr/bin/python3 make_stats_oracle.py
"""
import json
import warnings

import mpmath
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(7)


# Student t quantile: the root of the distribution function F(t) = 1 - I_{df/(df+t^2)}(df/2, 1/2) / 2
# found with 40-digit mpmath. scipy's t.ppf (cephes' stdtrit) is up to 1e-8 off (2.6e-10 at df = 1,
# where the quantile is tan(pi (p - 1/2))), so it is recorded beside, as "scipyQuantile", not used.
def t_quantile(p, df):
    mpmath.mp.dps = 40
    p = mpmath.mpf(p)
    cdf = lambda t: 1 - mpmath.betainc(mpmath.mpf(df) / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    return float(mpmath.findroot(lambda t: cdf(t) - p, mpmath.mpf(float(stats.t.ppf(float(p), df)))))


def describe(x):
    x = np.asarray(x, dtype=float)
    n = x.size
    half = t_quantile(0.975, n - 1) * x.std(ddof=1) / np.sqrt(n)
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

# Wilcoxon with scipy's defaults (method="auto"): small samples with tied magnitudes, zero differences,
# both, and neither, for 3 to 12 pairs, then 50 and 51 pairs either side of the exact limit. The values
# sit on a grid of 1/64 so that a - b is exact in binary and the ties are real.
def wilcoxon_case(b, d):
    b = np.asarray(b, dtype=float)
    a = b + np.asarray(d, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.wilcoxon(a, b)
    # scipy 1.10's documented rule for method="auto": exact when len(d) <= 50 and no difference is zero.
    exact = a.size <= 50 and not np.any(a - b == 0)
    return {"a": a.tolist(), "b": b.tolist(), "statistic": float(res.statistic), "pvalue": float(res.pvalue),
            "method": "exact" if exact else "approx"}


grid = np.random.default_rng(19)
wilcoxons = [wilcoxon_case([0.5, 0.5, 0.5], [1 / 64, 2 / 64, 3 / 64]),
             wilcoxon_case([0.5, 0.5, 0.5], [1 / 64, 1 / 64, 2 / 64]),
             wilcoxon_case([0.5, 0.5, 0.5], [1 / 64, -2 / 64, 0.0]),
             wilcoxon_case([0.5, 0.5, 0.5], [1 / 64, -1 / 64, 2 / 64])]
for n in range(3, 13):
    b = 0.5 + grid.integers(-8, 9, n) / 64
    distinct = grid.permutation(np.arange(1, n + 1)) * grid.choice([-1, 1], n) / 64
    tied = grid.integers(1, 3, n) * grid.choice([-1, 1], n) / 64
    zero = distinct.copy()
    zero[0] = 0
    both = tied.copy()
    both[-1] = 0
    mostly_positive = np.abs(tied)
    mostly_positive[0] = -mostly_positive[0]
    for d in (distinct, tied, zero, both, mostly_positive):
        wilcoxons.append(wilcoxon_case(b, d))
for n in (50, 51):
    b = 0.5 + grid.integers(-8, 9, n) / 64
    wilcoxons.append(wilcoxon_case(b, (grid.permutation(np.arange(1, n + 1)) - n / 3) / 64))

# Quantiles for the degrees of freedom a summary over 2 to 101 seeds uses.
t_quantiles = [{"p": p, "df": df, "quantile": t_quantile(p, df), "scipyQuantile": float(stats.t.ppf(p, df))}
               for p in (0.975, 0.995) for df in (1, 2, 3, 4, 5, 6, 7, 9, 10, 14, 19, 29, 49, 99, 100)]

holms = [holm([0.01, 0.04, 0.03, 0.005]), holm([0.2, 0.01, 0.5, 0.01, 0.04]), holm([0.9])]

with open("stats-oracle.json", "w") as f:
    json.dump({"generator": "make_stats_oracle.py",
               "versions": {"scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mpmath.__version__},
               "summaries": samples, "paired": pairs, "holm": holms,
               "wilcoxon": wilcoxons, "tQuantiles": t_quantiles}, f, indent=1)
