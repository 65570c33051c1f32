package org.imageclustering.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD products against plain loops, at sizes that exercise every tail path of the tiling. */
class GemmTest {
    private static float[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    @Test
    void multiplyMatchesPlainLoopsIncludingRowAndColumnTails() {
        for (int[] size : new int[][] {{7, 5, 3}, {9, 13, Gemm.LANES * 2 + 1}, {4, 1, Gemm.LANES * 3}}) {
            int m = size[0];
            int d = size[1];
            int l = size[2];
            int lp = Gemm.padded(l);
            float[] a = random(m * (d + 2), 1);
            float[] b = Gemm.padColumns(random(d * l, 2), d, l);
            float[] c = new float[m * lp + 3];
            Gemm.multiply(a, 2, d + 2, m, d, b, lp, c, 3);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < l; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += (double) a[2 + i * (d + 2) + k] * b[k * lp + j];
                    }
                    assertEquals(s, c[3 + i * lp + j], 1e-4, "C[" + i + "][" + j + "] at " + m + "x" + d + "x" + l);
                }
            }
        }
    }

    @Test
    void multiplyTransposedAccumulatesAtBIncludingTails() {
        int m = 11;
        int d = 7;
        int l = Gemm.LANES + 3;
        int lp = Gemm.padded(l);
        float[] a = random(m * d, 3);
        float[] b = Gemm.padColumns(random(m * l, 4), m, l);
        float[] c = new float[d * lp];
        c[0] = 1; // accumulates onto what is there
        Gemm.multiplyTransposed(a, 0, d, m, d, b, 0, lp, c);
        for (int j = 0; j < d; j++) {
            for (int col = 0; col < l; col++) {
                double s = j == 0 && col == 0 ? 1 : 0;
                for (int r = 0; r < m; r++) {
                    s += (double) a[r * d + j] * b[r * lp + col];
                }
                assertEquals(s, c[j * lp + col], 1e-4, "C[" + j + "][" + col + "]");
            }
        }
    }

    @Test
    void gramUpperComputesTheUpperTriangleOfATransposeA() {
        int v = Gemm.DOUBLE_LANES;
        int m = 6;
        int dp = 3 * v;
        double[] a = new double[m * dp];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        double[] c = new double[dp * dp];
        Gemm.gramUpper(a, m, dp, c);
        for (int j = 0; j < dp; j++) {
            for (int k = j; k < dp; k++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += a[r * dp + j] * a[r * dp + k];
                }
                assertEquals(s, c[j * dp + k], 1e-12, "G[" + j + "][" + k + "]");
            }
        }
    }
}
