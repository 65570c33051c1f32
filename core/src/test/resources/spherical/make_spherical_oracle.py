#!/usr/bin/env python3
"""Spherical k-means oracle (Dhillon and Modha 2001), written with numpy only, independent of the
Java engine: it works with cosines (dot products of unit vectors), not squared distances.

Writes, next to this script:
  spherical_data.npy       300 x 16 float32 rows (directions around 4 axes, lengths 0.2 to 5)
  spherical_start.npy      4 x 16 float32 starting centres (data rows, rescaled: not unit length)
  spherical_labels.npy     int32 labels of the fit from that start
  spherical_centroids.npy  4 x 16 float32 final centres (unit vectors)
  spherical_result.json    iterations and the objective sum(1 - cos)

The fit: rows and starting centres scaled to unit length (in float64, rounded to float32 once);
then repeat: label each row with the centre of largest cosine, move each centre to the unit vector
along the sum of its rows (float64, rounded to float32); stop after the first pass that changes no
label (that pass counts as an iteration). Run with python3 and numpy; the outputs are committed.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, K = 300, 16, 4


def unit_rows(m):
    m64 = m.astype(np.float64)
    norms = np.sqrt(np.array([sum(float(v) * float(v) for v in row) for row in m64]))  # feature order
    if np.any(norms == 0):
        raise SystemExit("a row of zeros")
    return (m64 / norms[:, None]).astype(np.float32)


def make_data():
    rng = np.random.default_rng(20240516)
    axes = rng.standard_normal((K, D))
    truth = rng.integers(0, K, N)
    lengths = rng.uniform(0.2, 5.0, N)
    rows = lengths[:, None] * (axes[truth] + 0.9 * rng.standard_normal((N, D)))
    start = rows[[5, 6, 7, 8]] * np.array([[3.0], [0.5], [7.0], [1.5]])
    return rows.astype(np.float32), start.astype(np.float32)


def spherical_kmeans(x, start, max_iterations=100):
    centres = start.copy()
    labels = np.full(len(x), -1)
    x64 = x.astype(np.float64)
    for iteration in range(1, max_iterations + 1):
        cos = x64 @ centres.astype(np.float64).T
        top = np.sort(cos, axis=1)
        # Well posed: no row is within 1e-6 of a tie, so float rounding cannot flip a label.
        assert np.all(top[:, -1] - top[:, -2] > 1e-6), "a near tie"
        new = np.argmax(cos, axis=1)
        changed = int(np.sum(new != labels))
        labels = new
        for c in range(K):
            members = x64[labels == c]
            assert len(members) > 0, "an empty cluster"
            s = members.sum(axis=0)
            centres[c] = (s / np.linalg.norm(s)).astype(np.float32)
        if changed == 0:
            return labels, centres, iteration
    raise SystemExit("no convergence")


def main():
    data, start = make_data()
    labels, centres, iterations = spherical_kmeans(unit_rows(data), unit_rows(start))
    u = unit_rows(data).astype(np.float64)
    objective = float(np.sum(1.0 - np.sum(u * centres.astype(np.float64)[labels], axis=1)))
    np.save(os.path.join(HERE, "spherical_data.npy"), data)
    np.save(os.path.join(HERE, "spherical_start.npy"), start)
    np.save(os.path.join(HERE, "spherical_labels.npy"), labels.astype(np.int32))
    np.save(os.path.join(HERE, "spherical_centroids.npy"), centres)
    with open(os.path.join(HERE, "spherical_result.json"), "w") as f:
        json.dump({"iterations": iterations, "objective": objective}, f, indent=2)
        f.write("\n")
    print("iterations", iterations, "objective", objective, "sizes", np.bincount(labels, minlength=K))


if __name__ == "__main__":
    main()
