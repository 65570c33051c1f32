package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.CHUNK;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed block kernel's micro-kernels (Vector API): a register tile of rows against one panel
 * of packed centres over one feature tile. Written out in full on purpose: every accumulator is a
 * local, so the JIT can keep the whole tile in vector registers. Each accumulator lane is one
 * (row, centre) pair's float FMA chain over one chunk of features.
 */
final class PackedMicroKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private PackedMicroKernels() {
    }

    /**
     * The micro-kernel: {@value KernelLayout#TILE_ROWS} rows x 4 vectors of centres, 24 accumulators. Per
     * feature, four vector loads of packed centres and one broadcast per row feed 24 FMAs; each
     * accumulator lane is one (row, centre) pair's float chain over a chunk of features, so no
     * lane sum is needed. At the end of each chunk the lanes are added to the pairs' running sums.
     */
    static void kernel4(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 4 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a01 = FloatVector.zero(SPECIES);
            FloatVector a02 = FloatVector.zero(SPECIES);
            FloatVector a03 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a11 = FloatVector.zero(SPECIES);
            FloatVector a12 = FloatVector.zero(SPECIES);
            FloatVector a13 = FloatVector.zero(SPECIES);
            FloatVector a20 = FloatVector.zero(SPECIES);
            FloatVector a21 = FloatVector.zero(SPECIES);
            FloatVector a22 = FloatVector.zero(SPECIES);
            FloatVector a23 = FloatVector.zero(SPECIES);
            FloatVector a30 = FloatVector.zero(SPECIES);
            FloatVector a31 = FloatVector.zero(SPECIES);
            FloatVector a32 = FloatVector.zero(SPECIES);
            FloatVector a33 = FloatVector.zero(SPECIES);
            FloatVector a40 = FloatVector.zero(SPECIES);
            FloatVector a41 = FloatVector.zero(SPECIES);
            FloatVector a42 = FloatVector.zero(SPECIES);
            FloatVector a43 = FloatVector.zero(SPECIES);
            FloatVector a50 = FloatVector.zero(SPECIES);
            FloatVector a51 = FloatVector.zero(SPECIES);
            FloatVector a52 = FloatVector.zero(SPECIES);
            FloatVector a53 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector c1 = FloatVector.fromArray(SPECIES, p, pj + LANES);
                FloatVector c2 = FloatVector.fromArray(SPECIES, p, pj + 2 * LANES);
                FloatVector c3 = FloatVector.fromArray(SPECIES, p, pj + 3 * LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                a01 = b.fma(c1, a01);
                a02 = b.fma(c2, a02);
                a03 = b.fma(c3, a03);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                a11 = b.fma(c1, a11);
                a12 = b.fma(c2, a12);
                a13 = b.fma(c3, a13);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                a21 = b.fma(c1, a21);
                a22 = b.fma(c2, a22);
                a23 = b.fma(c3, a23);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                a31 = b.fma(c1, a31);
                a32 = b.fma(c2, a32);
                a33 = b.fma(c3, a33);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                a41 = b.fma(c1, a41);
                a42 = b.fma(c2, a42);
                a43 = b.fma(c3, a43);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
                a51 = b.fma(c1, a51);
                a52 = b.fma(c2, a52);
                a53 = b.fma(c3, a53);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a01.add(FloatVector.fromArray(SPECIES, acc, b0 + LANES)).intoArray(acc, b0 + LANES);
            a02.add(FloatVector.fromArray(SPECIES, acc, b0 + 2 * LANES)).intoArray(acc, b0 + 2 * LANES);
            a03.add(FloatVector.fromArray(SPECIES, acc, b0 + 3 * LANES)).intoArray(acc, b0 + 3 * LANES);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a11.add(FloatVector.fromArray(SPECIES, acc, b1 + LANES)).intoArray(acc, b1 + LANES);
            a12.add(FloatVector.fromArray(SPECIES, acc, b1 + 2 * LANES)).intoArray(acc, b1 + 2 * LANES);
            a13.add(FloatVector.fromArray(SPECIES, acc, b1 + 3 * LANES)).intoArray(acc, b1 + 3 * LANES);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a21.add(FloatVector.fromArray(SPECIES, acc, b2 + LANES)).intoArray(acc, b2 + LANES);
            a22.add(FloatVector.fromArray(SPECIES, acc, b2 + 2 * LANES)).intoArray(acc, b2 + 2 * LANES);
            a23.add(FloatVector.fromArray(SPECIES, acc, b2 + 3 * LANES)).intoArray(acc, b2 + 3 * LANES);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a31.add(FloatVector.fromArray(SPECIES, acc, b3 + LANES)).intoArray(acc, b3 + LANES);
            a32.add(FloatVector.fromArray(SPECIES, acc, b3 + 2 * LANES)).intoArray(acc, b3 + 2 * LANES);
            a33.add(FloatVector.fromArray(SPECIES, acc, b3 + 3 * LANES)).intoArray(acc, b3 + 3 * LANES);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a41.add(FloatVector.fromArray(SPECIES, acc, b4 + LANES)).intoArray(acc, b4 + LANES);
            a42.add(FloatVector.fromArray(SPECIES, acc, b4 + 2 * LANES)).intoArray(acc, b4 + 2 * LANES);
            a43.add(FloatVector.fromArray(SPECIES, acc, b4 + 3 * LANES)).intoArray(acc, b4 + 3 * LANES);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a51.add(FloatVector.fromArray(SPECIES, acc, b5 + LANES)).intoArray(acc, b5 + LANES);
            a52.add(FloatVector.fromArray(SPECIES, acc, b5 + 2 * LANES)).intoArray(acc, b5 + 2 * LANES);
            a53.add(FloatVector.fromArray(SPECIES, acc, b5 + 3 * LANES)).intoArray(acc, b5 + 3 * LANES);
        }
    }

    /** {@link #kernel4} for a panel of 2 vectors of centres. */
    static void kernel2(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 2 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a01 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a11 = FloatVector.zero(SPECIES);
            FloatVector a20 = FloatVector.zero(SPECIES);
            FloatVector a21 = FloatVector.zero(SPECIES);
            FloatVector a30 = FloatVector.zero(SPECIES);
            FloatVector a31 = FloatVector.zero(SPECIES);
            FloatVector a40 = FloatVector.zero(SPECIES);
            FloatVector a41 = FloatVector.zero(SPECIES);
            FloatVector a50 = FloatVector.zero(SPECIES);
            FloatVector a51 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector c1 = FloatVector.fromArray(SPECIES, p, pj + LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                a01 = b.fma(c1, a01);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                a11 = b.fma(c1, a11);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                a21 = b.fma(c1, a21);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                a31 = b.fma(c1, a31);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                a41 = b.fma(c1, a41);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
                a51 = b.fma(c1, a51);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a01.add(FloatVector.fromArray(SPECIES, acc, b0 + LANES)).intoArray(acc, b0 + LANES);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a11.add(FloatVector.fromArray(SPECIES, acc, b1 + LANES)).intoArray(acc, b1 + LANES);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a21.add(FloatVector.fromArray(SPECIES, acc, b2 + LANES)).intoArray(acc, b2 + LANES);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a31.add(FloatVector.fromArray(SPECIES, acc, b3 + LANES)).intoArray(acc, b3 + LANES);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a41.add(FloatVector.fromArray(SPECIES, acc, b4 + LANES)).intoArray(acc, b4 + LANES);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a51.add(FloatVector.fromArray(SPECIES, acc, b5 + LANES)).intoArray(acc, b5 + LANES);
        }
    }

    /** {@link #kernel4} for a panel of 1 vector of centres. */
    static void kernel1(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 1 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a20 = FloatVector.zero(SPECIES);
            FloatVector a30 = FloatVector.zero(SPECIES);
            FloatVector a40 = FloatVector.zero(SPECIES);
            FloatVector a50 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
        }
    }

    /**
     * The micro-kernel for at most one vector of centres: {@value KernelLayout#NARROW_ROWS} rows x 1 vector, so
     * that the loop and broadcast overhead is shared by twelve FMAs.
     */
    static void kernelNarrow(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, int o8, int o9, int o10, int o11,
                                float[] p, int base, int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5, int b6, int b7, int b8, int b9, int b10, int b11) {
        final int w = LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            FloatVector a4 = FloatVector.zero(SPECIES);
            FloatVector a5 = FloatVector.zero(SPECIES);
            FloatVector a6 = FloatVector.zero(SPECIES);
            FloatVector a7 = FloatVector.zero(SPECIES);
            FloatVector a8 = FloatVector.zero(SPECIES);
            FloatVector a9 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a11 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c = FloatVector.fromArray(SPECIES, p, pj);
                a0 = FloatVector.broadcast(SPECIES, x[o0 + j]).fma(c, a0);
                a1 = FloatVector.broadcast(SPECIES, x[o1 + j]).fma(c, a1);
                a2 = FloatVector.broadcast(SPECIES, x[o2 + j]).fma(c, a2);
                a3 = FloatVector.broadcast(SPECIES, x[o3 + j]).fma(c, a3);
                a4 = FloatVector.broadcast(SPECIES, x[o4 + j]).fma(c, a4);
                a5 = FloatVector.broadcast(SPECIES, x[o5 + j]).fma(c, a5);
                a6 = FloatVector.broadcast(SPECIES, x[o6 + j]).fma(c, a6);
                a7 = FloatVector.broadcast(SPECIES, x[o7 + j]).fma(c, a7);
                a8 = FloatVector.broadcast(SPECIES, x[o8 + j]).fma(c, a8);
                a9 = FloatVector.broadcast(SPECIES, x[o9 + j]).fma(c, a9);
                a10 = FloatVector.broadcast(SPECIES, x[o10 + j]).fma(c, a10);
                a11 = FloatVector.broadcast(SPECIES, x[o11 + j]).fma(c, a11);
            }
            a0.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a1.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a2.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a3.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a4.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a5.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a6.add(FloatVector.fromArray(SPECIES, acc, b6)).intoArray(acc, b6);
            a7.add(FloatVector.fromArray(SPECIES, acc, b7)).intoArray(acc, b7);
            a8.add(FloatVector.fromArray(SPECIES, acc, b8)).intoArray(acc, b8);
            a9.add(FloatVector.fromArray(SPECIES, acc, b9)).intoArray(acc, b9);
            a10.add(FloatVector.fromArray(SPECIES, acc, b10)).intoArray(acc, b10);
            a11.add(FloatVector.fromArray(SPECIES, acc, b11)).intoArray(acc, b11);
        }
    }
}
