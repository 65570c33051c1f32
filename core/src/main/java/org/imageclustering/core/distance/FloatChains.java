package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.CHUNK;

/**
 * The kernel's float sums written with {@link Math#fma}: one dot product in the block kernels'
 * order, and the fixed-order lane sum every lane-parallel dot product ends with. Both the Vector API
 * kernels and the scalar fallback use them, so the two cannot disagree on these orders.
 */
final class FloatChains {
    private FloatChains() {
    }

    /**
     * One dot product in the block kernel's order: for each chunk of {@value KernelLayout#CHUNK}
     * features, one float FMA chain in feature order starting from 0; the chunk sums added in float
     * in chunk order. Bit-identical to the value the packed and row-lane kernels compute for the
     * same pair.
     */
    static double chunkedDot(float[] x, int xo, float[] c, int co, int d) {
        float total = 0;
        int q0 = 0;
        // four chunks side by side: independent chains, so their FMA latencies overlap
        for (; q0 + 4 * CHUNK <= d; q0 += 4 * CHUNK) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int a = xo + q0;
            int b = co + q0;
            for (int j = 0; j < CHUNK; j++) {
                s0 = Math.fma(x[a + j], c[b + j], s0);
                s1 = Math.fma(x[a + CHUNK + j], c[b + CHUNK + j], s1);
                s2 = Math.fma(x[a + 2 * CHUNK + j], c[b + 2 * CHUNK + j], s2);
                s3 = Math.fma(x[a + 3 * CHUNK + j], c[b + 3 * CHUNK + j], s3);
            }
            total += s0;
            total += s1;
            total += s2;
            total += s3;
        }
        if (q0 + 2 * CHUNK <= d) {
            float s0 = 0;
            float s1 = 0;
            int a = xo + q0;
            int b = co + q0;
            for (int j = 0; j < CHUNK; j++) {
                s0 = Math.fma(x[a + j], c[b + j], s0);
                s1 = Math.fma(x[a + CHUNK + j], c[b + CHUNK + j], s1);
            }
            total += s0;
            total += s1;
            q0 += 2 * CHUNK;
        }
        for (; q0 < d; q0 += CHUNK) {
            int q1 = Math.min(d, q0 + CHUNK);
            float s = 0;
            for (int j = q0; j < q1; j++) {
                s = Math.fma(x[xo + j], c[co + j], s);
            }
            total += s;
        }
        return total;
    }

    /** Pairwise sum in a fixed order: log2(lanes) dependent additions instead of lanes - 1. */
    static float sumLanes(float[] v) {
        int n = v.length;
        if (n == 8) {
            return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
        }
        if (n == 16) {
            return (((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7])))
                    + (((v[8] + v[9]) + (v[10] + v[11])) + ((v[12] + v[13]) + (v[14] + v[15])));
        }
        float s = v[0];
        for (int l = 1; l < n; l++) {
            s += v[l];
        }
        return s;
    }
}
