#!/usr/bin/python3
"""Joins ours.json and sklearn.json from one bench/kmeans/run.sh run into a Markdown table of
medians and ratios (printed and written to OUT/summary.md), plus the Fashion-MNIST oracle check."""
import json
import os
import statistics
import sys

import numpy as np


def med(samples, key):
    values = samples.get(key)
    return statistics.median(values) if values else float("nan")


def main():
    out = sys.argv[1]
    o, s, of, sf = {}, {}, {}, {}
    for case in ("fmnist_k10", "fmnist_k50", "cifar_k10", "cifar_k100"):
        for prefix, samples, facts in (("ours", o, of), ("sklearn", s, sf)):
            path = os.path.join(out, f"{prefix}_{case}.json")
            if not os.path.exists(path):  # CASES=... reruns only some cases
                continue
            with open(path) as f:
                data = json.load(f)
            samples.update(data["samples"])
            facts.update(data["facts"])
    lines = []
    add = lines.append
    n = len(next(iter(o.values())))
    add(f"Medians of {n} repeats; ratio = scikit-learn time / our time (higher is better for us).")
    add("")
    add("| case | measure | ours | scikit-learn | ratio |")
    add("|---|---|---:|---:|---:|")
    for k in (10, 50):
        c = f"fmnist_k{k}"
        if c + ".seed_s" not in o or c + ".seed_s" not in s:
            continue
        add(f"| Fashion-MNIST K={k} | k-means++ seeding (s) | {med(o, c + '.seed_s'):.3f} | {med(s, c + '.seed_s'):.3f} "
            f"| {med(s, c + '.seed_s') / med(o, c + '.seed_s'):.1f}x |")
        add(f"| Fashion-MNIST K={k} | Lloyd, ms per iteration | {med(o, c + '.lloyd.iter_ms'):.1f} "
            f"| {med(s, c + '.lloyd.iter_ms'):.1f} | {med(s, c + '.lloyd.iter_ms') / med(o, c + '.lloyd.iter_ms'):.1f}x |")
        for ours_v, sk_v in (("lloyd", "lloyd"), ("hamerly", "elkan"), ("elkan", "elkan")):
            if f"{c}.{ours_v}.fit_s" not in o:
                continue
            add(f"| Fashion-MNIST K={k} | whole fit from the same k-means++ start (s), ours {ours_v} vs sklearn {sk_v} "
                f"| {med(o, f'{c}.{ours_v}.fit_s'):.3f} | {med(s, f'{c}.{sk_v}.fit_s'):.3f} "
                f"| {med(s, f'{c}.{sk_v}.fit_s') / med(o, f'{c}.{ours_v}.fit_s'):.1f}x |")
        best_sk = min(med(s, f"{c}.lloyd.fit_s"), med(s, f"{c}.elkan.fit_s"))
        best_ours = min(med(o, f"{c}.{v}.fit_s") for v in ("lloyd", "hamerly", "elkan") if f"{c}.{v}.fit_s" in o)
        add(f"| Fashion-MNIST K={k} | **best exact whole fit vs sklearn's faster of lloyd/elkan** | {best_ours:.3f} "
            f"| {best_sk:.3f} | **{best_sk / best_ours:.1f}x** |")
    for k in (10, 100):
        c = f"cifar_k{k}"
        if c + ".lloyd.iter_ms" not in o or c + ".lloyd.iter_ms" not in s:
            continue
        add(f"| CIFAR-shaped 50,000 x 3,072 K={k} | Lloyd, ms per iteration | {med(o, c + '.lloyd.iter_ms'):.0f} "
            f"| {med(s, c + '.lloyd.iter_ms'):.0f} | {med(s, c + '.lloyd.iter_ms') / med(o, c + '.lloyd.iter_ms'):.1f}x |")
        add(f"| CIFAR-shaped 50,000 x 3,072 K={k} | Hamerly, ms per iteration (5 iterations from random points) "
            f"| {med(o, c + '.hamerly.iter_ms'):.0f} | | |")
    if any(key.endswith(".fit_cpu_s") for key in o) and any(key.endswith(".fit_cpu_s") for key in s):
        add("")
        add("Process CPU seconds (all threads), which machine load does not inflate:")
        add("")
        add("| case | measure | ours | scikit-learn | ratio |")
        add("|---|---|---:|---:|---:|")
        for k in (10, 50):
            c = f"fmnist_k{k}"
            if c + ".seed_cpu_s" not in o or c + ".seed_cpu_s" not in s:
                continue
            add(f"| Fashion-MNIST K={k} | k-means++ seeding | {med(o, c + '.seed_cpu_s'):.3f} | {med(s, c + '.seed_cpu_s'):.3f} "
                f"| {med(s, c + '.seed_cpu_s') / med(o, c + '.seed_cpu_s'):.1f}x |")
            for ours_v, sk_v in (("lloyd", "lloyd"), ("hamerly", "elkan"), ("elkan", "elkan")):
                if f"{c}.{ours_v}.fit_cpu_s" not in o:
                    continue
                add(f"| Fashion-MNIST K={k} | whole fit, ours {ours_v} vs sklearn {sk_v} "
                    f"| {med(o, f'{c}.{ours_v}.fit_cpu_s'):.3f} | {med(s, f'{c}.{sk_v}.fit_cpu_s'):.3f} "
                    f"| {med(s, f'{c}.{sk_v}.fit_cpu_s') / med(o, f'{c}.{ours_v}.fit_cpu_s'):.1f}x |")
            best_sk = min(med(s, f"{c}.lloyd.fit_cpu_s"), med(s, f"{c}.elkan.fit_cpu_s"))
            best_ours = min(med(o, f"{c}.{v}.fit_cpu_s") for v in ("lloyd", "hamerly", "elkan") if f"{c}.{v}.fit_cpu_s" in o)
            add(f"| Fashion-MNIST K={k} | **best exact whole fit** | {best_ours:.3f} | {best_sk:.3f} "
                f"| **{best_sk / best_ours:.1f}x** |")
        for k in (10, 100):
            c = f"cifar_k{k}"
            if c + ".lloyd.iter_cpu_ms" in o and c + ".lloyd.iter_cpu_ms" in s:
                add(f"| CIFAR-shaped K={k} | Lloyd, CPU ms per iteration ((up to 5 iterations - 1) / (iterations run - 1)) "
                    f"| {med(o, c + '.lloyd.iter_cpu_ms'):.0f} | {med(s, c + '.lloyd.iter_cpu_ms'):.0f} "
                    f"| {med(s, c + '.lloyd.iter_cpu_ms') / med(o, c + '.lloyd.iter_cpu_ms'):.1f}x |")
    add("")
    add("Iterations from the same start (ours / scikit-learn):")
    for k in (10, 100):
        c = f"cifar_k{k}"
        if c + ".lloyd.iterations" in of:
            add(f"- CIFAR-shaped K={k} (at most 5, tolerance 0): lloyd {of.get(c + '.lloyd.iterations')} / "
                f"{sf.get(c + '.lloyd.iterations')}")
    for k in (10, 50):
        c = f"fmnist_k{k}"
        if c + ".lloyd.iterations" not in of:
            continue
        add(f"- Fashion-MNIST K={k}: lloyd {of.get(c + '.lloyd.iterations')} / {sf.get(c + '.lloyd.iterations')}, "
            f"hamerly {of.get(c + '.hamerly.iterations')}, elkan {of.get(c + '.elkan.iterations')} / elkan "
            f"{sf.get(c + '.elkan.iterations')}; distance computations saved by hamerly: "
            f"{of.get(c + '.hamerly.distance_computations_saved')}, by elkan: "
            f"{of.get(c + '.elkan.distance_computations_saved')}, of {of.get(c + '.lloyd.distance_computations')}")
    c = "fmnist_k10"
    if not os.path.exists(os.path.join(out, f"labels_{c}_lloyd.txt")) or c + ".lloyd64.distortion" not in sf:
        text = "\n".join(lines)
        print(text)
        with open(os.path.join(out, "summary.md"), "w") as f:
            f.write(text + "\n")
        return
    ours_labels = np.loadtxt(os.path.join(out, f"labels_{c}_lloyd.txt"), dtype=int)
    sk_labels = np.loadtxt(os.path.join(out, f"labels_{c}_sklearn64.txt"), dtype=int)
    differ = int((ours_labels != sk_labels).sum())
    d_ours, d_sk = of[c + ".lloyd.distortion"], sf[c + ".lloyd64.distortion"]
    add("")
    add(f"Oracle, Fashion-MNIST train K=10, Lloyd from the same k-means++ start (scikit-learn in float64): "
        f"{differ} of {len(sk_labels)} labels differ ({100.0 * differ / len(sk_labels):.3f}%); iterations "
        f"{of[c + '.lloyd.iterations']} / {sf[c + '.lloyd64.iterations']}; distortion {d_ours:.6f} / {d_sk:.6f} "
        f"(relative difference {abs(d_ours - d_sk) / d_sk:.2e}).")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
