"""Writes a seeded float32 .npy of rows x cols (standard normal values) in slabs, as np.save would.

Usage: python3 make_npy.py file.npy rows cols
"""
import sys

import numpy as np

path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(20261204)
out = np.lib.format.open_memmap(path, mode="w+", dtype="<f4", shape=(rows, cols))
slab = max(1, (64 << 20) // (4 * cols))  # about 64 MiB at a time
for start in range(0, rows, slab):
    stop = min(rows, start + slab)
    out[start:stop] = rng.standard_normal((stop - start, cols), dtype=np.float32)
out.flush()
del out
