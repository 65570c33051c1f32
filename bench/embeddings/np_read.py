"""numpy's side of bench/embeddings/run.sh: np.load a float32 .npy, then check it is all finite.

Prints one line like NpyReadBench: seconds, GB/s (10^9 bytes of file per second) and the checksum
(the sum of the values' raw 32-bit patterns as unsigned integers, modulo 2^64), computed after timing.
Usage: python3 np_read.py file.npy
"""
import os
import sys
import time

import numpy as np

path = sys.argv[1]
size = os.path.getsize(path)
t0 = time.perf_counter()
a = np.load(path)
finite = bool(np.isfinite(a).all())
seconds = time.perf_counter() - t0
if not finite:
    sys.exit(f"{path}: holds NaN or infinite values")
checksum = int(a.view(np.uint32).sum(dtype=np.uint64))
print(f"numpy {a.shape[0]} x {a.shape[1]}: {seconds:.3f} s, {size / seconds / 1e9:.2f} GB/s, checksum {checksum}")
