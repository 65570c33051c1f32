#!/usr/bin/python3
"""Medians per revision and the ratio B / A from bench/revisions/run.sh's output folder, and whether
both revisions computed the same numbers (distortion, iterations, labels)."""
import json
import os
import statistics
import sys


def kmeans_samples(folder, rounds):
    samples, facts = {}, {}
    for r in range(1, rounds + 1):
        for case in ("fmnist_k10", "fmnist_k50"):
            path = os.path.join(folder, f"kmeans-{r}", f"ours_{case}.json")
            with open(path) as f:
                data = json.load(f)
            for key, values in data["samples"].items():
                samples.setdefault(key, []).extend(values)
            for key, value in data["facts"].items():
                facts.setdefault(key, set()).add(json.dumps(value))
    return samples, facts


def spectral_samples(folder, rounds):
    out = {}
    for r in range(1, rounds + 1):
        with open(os.path.join(folder, f"spectral-{r}.txt")) as f:
            for item in f.read().split():
                if "=" in item:
                    key, value = item.split("=", 1)
                    try:
                        out.setdefault(key, []).append(float(value))
                    except ValueError:
                        pass
    return out


def main():
    out, rounds = sys.argv[1], int(sys.argv[2])
    rev = {s: open(os.path.join(out, s, "revision")).read().strip() for s in ("A", "B")}
    ka, fa = kmeans_samples(os.path.join(out, "A"), rounds)
    kb, fb = kmeans_samples(os.path.join(out, "B"), rounds)
    sa = spectral_samples(os.path.join(out, "A"), rounds)
    sb = spectral_samples(os.path.join(out, "B"), rounds)
    print(f"A = {rev['A']}, B = {rev['B']}; medians of {rounds} interleaved rounds; ratio = B / A (below 1: B faster)")
    print()
    print("| measure | A | B | B / A |")
    print("|---|---:|---:|---:|")
    for key in sorted(k for k in ka if k.endswith(("fit_s", "iter_ms", "seed_s")) and not k.endswith("cpu_s")):
        if key in kb:
            a, b = statistics.median(ka[key]), statistics.median(kb[key])
            print(f"| k-means {key} | {a:.4g} | {b:.4g} | {b / a:.3f} |")
    for key in ("seconds", "cold_seconds"):
        if key in sa and key in sb:
            a, b = statistics.median(sa[key]), statistics.median(sb[key])
            print(f"| spectral n=20,000 kNN {key} | {a:.4g} | {b:.4g} | {b / a:.3f} |")
    print()
    same = [k for k in fa if k.endswith((".distortion", ".iterations")) and fa[k] == fb.get(k) and len(fa[k]) == 1]
    differ = [k for k in fa if k.endswith((".distortion", ".iterations")) and k not in same]
    print(f"k-means distortions and iteration counts identical in A and B: {len(same)} of {len(same) + len(differ)}"
          + ("" if not differ else f"; differ: {differ}"))
    for r in range(1, rounds + 1):
        la = open(os.path.join(out, "A", f"spectral-labels-{r}.txt")).read()
        lb = open(os.path.join(out, "B", f"spectral-labels-{r}.txt")).read()
        kla = open(os.path.join(out, "A", f"kmeans-{r}", "labels_fmnist_k10_lloyd.txt")).read()
        klb = open(os.path.join(out, "B", f"kmeans-{r}", "labels_fmnist_k10_lloyd.txt")).read()
        print(f"round {r}: spectral labels identical: {la == lb}; k-means K=10 lloyd labels identical: {kla == klb}")


if __name__ == "__main__":
    main()
