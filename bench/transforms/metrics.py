#!/usr/bin/python3
"""NMI and matched accuracy (Hungarian) per feature set from FeatureBench's label dumps,
mean and 95% t-interval across seeds, plus transform and k-means times."""
import sys, glob, os, collections, math
import numpy as np
from sklearn.metrics import normalized_mutual_info_score
from scipy.optimize import linear_sum_assignment
from scipy import stats

out = sys.argv[1]
truth = np.loadtxt(os.path.join(out, "truth.txt"), dtype=int)
rows = collections.OrderedDict()
for line in open(os.path.join(out, "timings.tsv")):
    name, seed, dims, tsec, ksec, iters, tcpu = line.split("\t")
    pred = np.loadtxt(os.path.join(out, f"{name}-seed{seed}.txt"), dtype=int)
    nmi = normalized_mutual_info_score(truth, pred)
    k = max(pred.max(), truth.max()) + 1
    cont = np.zeros((k, k), dtype=np.int64)
    np.add.at(cont, (pred, truth), 1)
    r, c = linear_sum_assignment(-cont)
    acc = cont[r, c].sum() / len(truth)
    rows.setdefault(name, []).append((nmi, acc, int(dims), float(tsec), float(ksec), float(tcpu)))

def ci(v):
    v = np.asarray(v); m = v.mean()
    if len(v) < 2: return m, m, m
    h = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v))
    return m, m - h, m + h

print("| feature set | dims | transform wall s | transform CPU s | k-means wall s (median) | seeds | NMI mean [95% CI] | ACC mean [95% CI] |")
print("|---|---:|---:|---:|---:|---:|---|---|")
for name, rs in rows.items():
    n = ci([r[0] for r in rs]); a = ci([r[1] for r in rs])
    print(f"| {name} | {rs[0][2]} | {rs[0][3]:.1f} | {rs[0][5]:.1f} | {np.median([r[4] for r in rs]):.1f} | {len(rs)} | "
          f"{n[0]:.4f} [{n[1]:.4f}, {n[2]:.4f}] | {a[0]:.4f} [{a[1]:.4f}, {a[2]:.4f}] |")
