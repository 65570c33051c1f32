package org.imageclustering.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scalar fallback against the Vector API loops, both in this JVM on the same operands: every
 * output of every method is the same bits, on shapes with tails (row counts not a multiple of the
 * 4-row tile, column counts of one vector, of a vector pair and of a pair plus one, centroid counts
 * below, at and past a multiple of the lanes), with offsets and row strides, and accumulating into
 * non-zero outputs.
 */
class ScalarGemmKernelsTest {
    private static GemmKernels vector;
    private static GemmKernels scalar;

    @BeforeAll
    static void bothKernels() throws ReflectiveOperationException {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "needs --add-modules jdk.incubator.vector");
        // by name, so that this class loads in a JVM without the module too
        vector = (GemmKernels) Class.forName(ScalarGemmKernelsTest.class.getPackageName() + ".VectorGemmKernels")
                .getDeclaredConstructor().newInstance();
        scalar = new ScalarGemmKernels(vector.lanes());
        assertEquals(vector.doubleLanes(), scalar.doubleLanes());
    }

    private static float[] randomFloats(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * (1 + rng.nextInt(100)));
        }
        return a;
    }

    private static double[] randomDoubles(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian() * (1 + rng.nextInt(100));
        }
        return a;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                    what + ", index " + i + ": " + want[i] + " against " + got[i]);
        }
    }

    private static void assertSameBits(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
                    what + ", index " + i + ": " + want[i] + " against " + got[i]);
        }
    }

    /** Column counts of one vector, part of one, a vector pair, and a pair plus part of one. */
    private static int[] columnCounts() {
        int v = vector.lanes();
        return new int[] {1, v - 1, v, 2 * v, 2 * v + 3, 5 * v - 2};
    }

    @Test
    void multiplyGivesTheVectorLoopsBits() {
        long seed = 1;
        for (int m : new int[] {1, 3, 4, 9}) {
            for (int d : new int[] {1, 7, 33}) {
                for (int l : columnCounts()) {
                    int lp = Gemm.padded(l);
                    int lda = d + 3;
                    float[] a = randomFloats(2 + m * lda, seed++);
                    float[] b = Gemm.padColumns(randomFloats(d * l, seed++), d, l);
                    float[] byVector = randomFloats(5 + m * lp, seed);
                    float[] byScalar = byVector.clone();
                    vector.multiply(a, 2, lda, m, d, b, lp, byVector, 5);
                    scalar.multiply(a, 2, lda, m, d, b, lp, byScalar, 5);
                    assertSameBits(byVector, byScalar, "multiply m=" + m + " d=" + d + " l=" + l);
                }
            }
        }
    }

    @Test
    void multiplyTransposedGivesTheVectorLoopsBits() {
        long seed = 100;
        for (int m : new int[] {1, 5, 40}) {
            for (int d : new int[] {1, 3, 4, 6, 13}) {
                for (int l : columnCounts()) {
                    int lp = Gemm.padded(l);
                    int lda = d + 2;
                    float[] a = randomFloats(1 + m * lda, seed++);
                    float[] b = randomFloats(3 + m * lp, seed++);
                    float[] byVector = randomFloats(d * lp, seed);
                    float[] byScalar = byVector.clone();
                    vector.multiplyTransposed(a, 1, lda, m, d, b, 3, lp, byVector);
                    scalar.multiplyTransposed(a, 1, lda, m, d, b, 3, lp, byScalar);
                    assertSameBits(byVector, byScalar, "multiplyTransposed m=" + m + " d=" + d + " l=" + l);
                }
            }
        }
    }

    @Test
    void gramUpperWritesTheVectorLoopsEntriesWithTheirBits() {
        int v = vector.doubleLanes();
        long seed = 200;
        for (int m : new int[] {1, 6, 31}) {
            for (int blocks : new int[] {1, 2, 3, 5, 9}) {
                int dp = blocks * v;
                double[] a = randomDoubles(m * dp, seed++);
                double[] byVector = randomDoubles(dp * dp, seed);
                double[] byScalar = byVector.clone();
                vector.gramUpper(a, m, dp, byVector);
                scalar.gramUpper(a, m, dp, byScalar);
                // the same entries written (the others keep their random values) with the same bits
                assertSameBits(byVector, byScalar, "gramUpper m=" + m + " dp=" + dp);
            }
        }
    }

    @Test
    void triangleActivationGivesTheVectorLoopsBits() {
        int v = vector.lanes();
        long seed = 300;
        for (int k : new int[] {1, 2, v - 1, v, v + 1, 3 * v + 5, 100}) {
            int kp = Gemm.padded(k);
            for (int trial = 0; trial < 20; trial++) {
                float[] dots = new float[3 + kp];
                float[] norms = new float[kp];
                float[] random = randomFloats(2 * k + 1, seed++);
                for (int c = 0; c < k; c++) {
                    dots[3 + c] = random[c];
                    // some centroids nearer than the expansion can resolve: clamped at 0
                    norms[c] = trial % 4 == 0 && c % 3 == 0 ? 0 : Math.abs(random[k + c]) * 10;
                }
                float patchNorm = Math.abs(random[2 * k]) * 10;
                float[] byVector = new float[kp];
                float[] byScalar = new float[kp];
                vector.triangleActivation(patchNorm, dots, 3, norms, k, byVector);
                scalar.triangleActivation(patchNorm, dots, 3, norms, k, byScalar);
                assertSameBits(byVector, byScalar, "triangleActivation k=" + k + " trial " + trial);
            }
        }
    }

    @Test
    void addToGivesTheVectorLoopsBitsAndLeavesTheRestAlone() {
        int v = vector.lanes();
        for (int k : new int[] {1, v - 1, v, 2 * v + 3}) {
            float[] z = randomFloats(Gemm.padded(k), k);
            float[] byVector = randomFloats(4 + k + v, 10 + k);
            float[] byScalar = byVector.clone();
            vector.addTo(z, k, byVector, 4);
            scalar.addTo(z, k, byScalar, 4);
            assertArrayEquals(byVector, byScalar, "addTo k=" + k);
        }
    }
}
