#!/usr/bin/env python3
"""Writes the .npy fixtures of NpyTest with numpy itself (run from any folder):

    /usr/bin/python3 core/src/test/resources/npy/make_npy_fixtures.py

The files are tiny and committed; rerun this script only to change them. The values, which the
test recomputes in Java:
  F        = (np.arange(6) / 7).astype(np.float32).reshape(2, 3)   float32 i/7, i = 0..5
  D        = [[0.1, 1/3], [-2.5, 1e-40], [16777217.0, 3.0e38]]       float64; as float32: nearest,
             ties to even (16777217 -> 16777216; 1e-40 -> a subnormal)
  L        = [0, 2, 1, -1, 7]                                         labels
  REF      = (np.arange(12, dtype=np.float32) / 7).reshape(3, 4)      what NpyTest writes and
             compares byte for byte with reference-3x4-f4.npy, as with reference-labels-i4.npy for L
             and reference-0x100000-f4.npy for an empty 0 x 100000 float32 array (a longer header)
"""
import os

import numpy as np
from numpy.lib import format as npy_format

here = os.path.dirname(os.path.abspath(__file__))

F = (np.arange(6) / 7).astype(np.float32).reshape(2, 3)
D = np.array([[0.1, 1 / 3], [-2.5, 1e-40], [16777217.0, 3.0e38]], dtype=np.float64)
L = np.array([0, 2, 1, -1, 7])
REF = (np.arange(12, dtype=np.float32) / 7).reshape(3, 4)


def save(name, array):
    np.save(os.path.join(here, name), array)


def write(name, array, version):
    with open(os.path.join(here, name), "wb") as f:
        npy_format.write_array(f, array, version=version)


save("f4-little.npy", F.astype("<f4"))
save("f4-big.npy", F.astype(">f4"))
save("f8-little.npy", D.astype("<f8"))
save("f8-big.npy", D.astype(">f8"))
save("labels-i4-little.npy", L.astype("<i4"))
save("labels-i4-big.npy", L.astype(">i4"))
save("labels-i8-little.npy", L.astype("<i8"))
save("labels-u1.npy", np.array([0, 1, 255], dtype=np.uint8))
save("labels-i8-too-big.npy", np.array([0, 1, 2**40], dtype="<i8"))
save("f4-fortran.npy", np.asfortranarray(F))
write("f4-version2.npy", F, (2, 0))
write("f4-version3.npy", F, (3, 0))
save("f4-3d.npy", np.arange(24, dtype=np.float32).reshape(2, 3, 4))
nan = F.copy()
nan[1, 2] = np.nan
save("f4-nan.npy", nan)
save("f8-beyond-float32.npy", np.array([[1.0, 1e300]]))
with open(os.path.join(here, "f4-little.npy"), "rb") as f:
    whole = f.read()
with open(os.path.join(here, "f4-truncated.npy"), "wb") as f:
    f.write(whole[:-5])
save("reference-3x4-f4.npy", REF)
save("reference-labels-i4.npy", L.astype("<i4"))
save("reference-0x100000-f4.npy", np.zeros((0, 100000), dtype=np.float32))

assert np.load(os.path.join(here, "f4-fortran.npy")).flags.f_contiguous
assert np.array_equal(np.load(os.path.join(here, "f8-big.npy")).astype(np.float32)[2, 0], np.float32(16777216))
