#!/usr/bin/env python3
"""The numpy peer of LoaderTiming: gunzip the four Fashion-MNIST IDX files, check headers, scale to float32 /255."""
import gzip
import statistics
import struct
import sys
import time
from pathlib import Path

import numpy as np

path = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def split(prefix):
    img = gzip.decompress((path / f"{prefix}-images-idx3-ubyte.gz").read_bytes())
    lab = gzip.decompress((path / f"{prefix}-labels-idx1-ubyte.gz").read_bytes())
    magic, n, h, w = struct.unpack(">IIII", img[:16])
    assert magic == 2051 and len(img) == 16 + n * h * w
    assert struct.unpack(">II", lab[:8]) == (2049, n)
    x = np.frombuffer(img, dtype=np.uint8, offset=16).reshape(n, h * w).astype(np.float32) / np.float32(255)
    return x, np.frombuffer(lab, dtype=np.uint8, offset=8).astype(np.int32)


def load():
    return split("train"), split("t10k")


load()
times = []
for _ in range(repeats):
    t = time.perf_counter()
    (xtr, _), (xte, _) = load()
    times.append((time.perf_counter() - t) * 1000)
print(f"numpy fashion-mnist train {len(xtr)} + test {len(xte)} rows: median {statistics.median(times):.0f} ms "
      f"(min {min(times):.0f}, max {max(times):.0f}) over {repeats} loads")
