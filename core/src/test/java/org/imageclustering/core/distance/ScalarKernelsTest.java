package org.imageclustering.core.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scalar fallback against the Vector API kernels, both in this JVM on the same prepared
 * operands: every output of every kernel path is the same bits, on shapes with feature tails (d
 * not a multiple of the lane count, of a chunk or of a lane-parallel tile), short row groups, one
 * centre, centres that fill no vector, one vector, several panels and several feature tiles.
 */
class ScalarKernelsTest {
    private static DistanceKernels vector;
    private static DistanceKernels scalar;

    @BeforeAll
    static void bothKernels() throws ReflectiveOperationException {
        assumeTrue(KernelProvider.VECTOR_MODULE_PRESENT, "needs --add-modules jdk.incubator.vector");
        // by name, so that this class loads in a JVM without the module too
        vector = (DistanceKernels) Class.forName(ScalarKernelsTest.class.getPackageName() + ".VectorKernels")
                .getDeclaredConstructor().newInstance();
        scalar = new ScalarKernels(KernelLayout.LANES);
        assertEquals(vector.lanes(), scalar.lanes());
    }

    /** Gaussian rows around {@code offset}; with a large offset and a small scale most rows are near ties. */
    private static FloatMatrix random(int n, int d, long seed, double scale, double offset) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (offset + scale * rng.nextGaussian());
        }
        return FloatMatrix.wrap(n, d, x);
    }

    private static void assertSameBits(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                assertEquals(want[i], got[i], what + " [" + i + "]: bits differ");
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + " [" + i + "]");
            }
        }
    }

    /** Every assignment path with all its outputs, by {@code kernels}. */
    private static String assignEverything(DistanceKernels kernels, FloatMatrix x, double[] norms, RowBlocks blocks,
                                           Centers centers, int[] rows, double[][] out) {
        int n = x.rows();
        int k = centers.k();
        int[] labels = new int[n];
        long exact = Assignment.assign(kernels, x, null, norms, null, 0, n, centers, labels, out[0], out[1], out[2],
                out[3], out[4]);
        int[] gathered = new int[n];
        exact += Assignment.assign(kernels, x, null, norms, rows, 1, n, centers, gathered, out[5], null, null, null,
                null);
        int[] lanes = new int[n];
        int start = n > KernelLayout.ROW_LANE_STEP ? KernelLayout.ROW_LANE_STEP : 0;
        exact += Assignment.assign(kernels, x, blocks, norms, null, start, n, centers, lanes, out[6], null, null, null,
                null);
        Assignment.block(kernels, x, norms, 0, n, centers, out[7]);
        int[] own = new int[n];
        for (int i = 0; i < n; i++) {
            own[i] = (i * 7) % k;
        }
        Assignment.upperBounds(kernels, x, norms, rows, 0, n, centers, own, out[8]);
        int[] candidates = new int[k];
        for (int c = 0; c < k; c++) {
            candidates[c] = k - 1 - c;
        }
        float[] lanesBuffer = SquaredEuclidean.lanesBuffer();
        for (int i = 0; i < n; i++) {
            double[] many = new double[k];
            Assignment.approximateMany(kernels, x, i, norms[i], centers, candidates, k, many, lanesBuffer);
            System.arraycopy(many, 0, out[9], i * k, k);
        }
        return Arrays.toString(labels) + Arrays.toString(gathered) + Arrays.toString(lanes) + " exact=" + exact;
    }

    @Test
    void scalarKernelsGiveTheVectorKernelsBitsOnRandomShapes() {
        int lanes = KernelLayout.LANES;
        int[][] shapes = {
            // n, d, k
            {1, 1, 1}, {5, 3, 2}, {23, lanes - 1, 3}, {25, lanes + 1, lanes}, {70, 127, 5}, {130, 129, 10},
            {31, 300, lanes + 1}, {40, 1023, 11}, {29, 1025, 4 * lanes + 3}, {37, 2 * 1024 + 7, 9},
            {13, 784, 7 * lanes + 5}, {9, 3072, 101}, {150, 64, 1}, {66, 17, 64},
        };
        SplittableRandom rng = new SplittableRandom(42);
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            // alternate well-spread data and data where the expansion cannot tell the centres apart
            boolean ties = rng.nextBoolean();
            FloatMatrix x = random(n, d, rng.nextLong(), ties ? 0.01 : 1, ties ? 100 : 0.5);
            float[] c = random(k, d, rng.nextLong(), ties ? 0.01 : 1, ties ? 100 : 0.5).data();
            System.arraycopy(x.data(), 0, c, 0, Math.min(n, k) * d / 2); // some centres sit on rows
            Centers centers = Centers.of(FloatMatrix.wrap(k, d, c));
            double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
            RowBlocks blocks = RowBlocks.of(x, Parallelism.sequential());
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = n - 1 - i;
            }
            int[] sizes = {n, n, n, n * k, k, n, n, n * k, n, n * k};
            double[][] byVector = new double[sizes.length][];
            double[][] byScalar = new double[sizes.length][];
            for (int a = 0; a < sizes.length; a++) {
                byVector[a] = new double[sizes[a]];
                byScalar[a] = new double[sizes[a]];
            }
            for (int cc = 0; cc < k; cc++) {
                byVector[4][cc] = cc * 0.25;
                byScalar[4][cc] = cc * 0.25;
            }
            String shape = "n=" + n + " d=" + d + " k=" + k + (ties ? " (near ties)" : "");
            String want = assignEverything(vector, x, norms, blocks, centers, rows, byVector);
            String got = assignEverything(scalar, x, norms, blocks, centers, rows, byScalar);
            assertEquals(want, got, "labels and exact comparisons, " + shape);
            String[] names = {"dist", "upper", "lower", "lowerAll", "lowerShift", "dist of gathered rows",
                "dist by row lanes", "block", "upperBounds", "approximateMany"};
            for (int a = 0; a < sizes.length; a++) {
                assertSameBits(byVector[a], byScalar[a], names[a] + ", " + shape);
            }
            float[] lanesBuffer = SquaredEuclidean.lanesBuffer();
            for (int i = 0; i < n; i++) {
                for (int cc = 0; cc < k; cc++) {
                    assertEquals(Double.doubleToRawLongBits(vector.laneDot(x.data(), i * d, c, cc * d, d, lanesBuffer)),
                            Double.doubleToRawLongBits(scalar.laneDot(x.data(), i * d, c, cc * d, d, lanesBuffer)),
                            "laneDot of row " + i + " and centre " + cc + ", " + shape);
                }
            }
        }
    }

    @Test
    void rowLaneScreeningTakesTheVectorKernelsDecisions() {
        // rows on top of centres, exact duplicates and near ties: every screening outcome occurs
        int n = 3 * KernelLayout.ROW_LANE_STEP;
        int d = 40;
        for (int k = 1; k <= KernelLayout.ROW_LANE_MAX_K; k++) {
            FloatMatrix x = random(n, d, k, 0.01, k % 2 == 0 ? 100 : 0);
            float[] c = new float[k * d];
            for (int cc = 0; cc < k; cc++) {
                System.arraycopy(x.data(), (cc * 5) * d, c, cc * d, d);
            }
            Centers centers = Centers.of(FloatMatrix.wrap(k, d, c));
            double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
            RowBlocks blocks = RowBlocks.of(x, Parallelism.sequential());
            int step = KernelLayout.ROW_LANE_STEP;
            float[] acc = new float[(step + 1) * centers.paddedK];
            float[] sums = new float[(KernelLayout.ROW_LANE_MAX_K + 4) / 5 * 5 * KernelLayout.LANE_BLOCKS * step];
            for (int b = 0; b < n; b += step) {
                vector.rowLaneDots(blocks.data, b / KernelLayout.BLOCK_ROWS, d, centers, sums, acc);
                float[] accScalar = new float[acc.length];
                scalar.rowLaneDots(blocks.data, b / KernelLayout.BLOCK_ROWS, d, centers, sums, accScalar);
                for (int r = 0; r < step; r++) {
                    for (int cc = 0; cc < k; cc++) {
                        assertEquals(Float.floatToRawIntBits(acc[r * centers.paddedK + cc]),
                                Float.floatToRawIntBits(accScalar[r * centers.paddedK + cc]), "dot of row " + (b + r));
                    }
                }
                int[] want = new int[step];
                int[] got = new int[step];
                vector.screenRows(acc, centers.paddedK, step, norms, b, centers, new double[(k + 4) * step], want);
                scalar.screenRows(acc, centers.paddedK, step, norms, b, centers, new double[(k + 4) * step], got);
                assertArrayEquals(want, got, "k=" + k + ", rows from " + b);
            }
        }
    }

    @Test
    void theLaneEstimateWithoutTheModuleIsTheVectorApisLaneCount() {
        // what the fallback emulates in a JVM without the module, on this machine
        assertEquals(vector.lanes(), KernelProvider.estimatedLanes());
    }
}
