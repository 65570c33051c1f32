#!/usr/bin/env python3
"""Cut the shipped Fashion-MNIST sample out of the full dataset.

Takes the first TRAIN images of the training set and the first TEST images of the test set, and
writes them as gzip-compressed IDX files with the original names, so that the `fashion-mnist`
loader reads them exactly as it reads the full dataset. Standard library only; gzip's timestamp
is fixed so that the output is byte-for-byte reproducible.

Usage: make_sample.py [SOURCE_DIR] (default: Debian's dataset-fashion-mnist location)
"""
import gzip
import struct
import sys
from pathlib import Path

TRAIN, TEST = 2000, 500
source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
target = Path(__file__).resolve().parent


def cut(prefix, count):
    images = gzip.decompress((source / f"{prefix}-images-idx3-ubyte.gz").read_bytes())
    labels = gzip.decompress((source / f"{prefix}-labels-idx1-ubyte.gz").read_bytes())
    magic, n, rows, cols = struct.unpack(">IIII", images[:16])
    assert magic == 2051 and n >= count, (magic, n)
    lmagic, ln = struct.unpack(">II", labels[:8])
    assert lmagic == 2049 and ln == n, (lmagic, ln)
    img = struct.pack(">IIII", 2051, count, rows, cols) + images[16:16 + count * rows * cols]
    lab = struct.pack(">II", 2049, count) + labels[8:8 + count]
    for name, payload in ((f"{prefix}-images-idx3-ubyte.gz", img), (f"{prefix}-labels-idx1-ubyte.gz", lab)):
        with open(target / name, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(payload)


cut("train", TRAIN)
cut("t10k", TEST)
