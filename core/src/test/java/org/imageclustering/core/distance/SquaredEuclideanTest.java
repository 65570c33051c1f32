package org.imageclustering.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.junit.jupiter.api.Test;

class SquaredEuclideanTest {
    private static FloatMatrix random(int n, int d, long seed, double scale, double offset) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (offset + scale * rng.nextGaussian());
        }
        return FloatMatrix.wrap(n, d, x);
    }

    private static int exactArgmin(FloatMatrix x, int i, FloatMatrix c) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.rows(); j++) {
            double v = SquaredEuclidean.distance(x, i, c, j);
            if (v < bestDist) {
                bestDist = v;
                best = j;
            }
        }
        return best;
    }

    @Test
    void nearestIsTheExactArgminForAnyShape() {
        // Odd sizes exercise the short row groups, the odd centre count and the scalar tails.
        int[][] shapes = {{37, 5, 3}, {50, 13, 7}, {33, 3, 1}, {20, 1000, 9}, {19, 3072, 101}};
        for (int[] s : shapes) {
            FloatMatrix x = random(s[0], s[1], s[0] * 31L + s[1], 1, 0.5);
            FloatMatrix c = random(s[2], s[1], s[2] * 7L + 1, 1, 0.5);
            int[] labels = new int[s[0]];
            double[] dist = new double[s[0]];
            SquaredEuclidean.nearest(x, 0, s[0], c, labels, dist);
            for (int i = 0; i < s[0]; i++) {
                assertEquals(exactArgmin(x, i, c), labels[i], "row " + i + " of shape " + java.util.Arrays.toString(s));
                double exact = SquaredEuclidean.distance(x, i, c, labels[i]);
                assertEquals(exact, dist[i], 1e-4 * (1 + exact), "distance of row " + i);
            }
        }
    }

    @Test
    void approximationStaysWithinTheStatedErrorBound() {
        // Large offset, small spread: ||x||^2 dwarfs the distance, the worst case for the expansion.
        FloatMatrix x = random(40, 784, 3, 0.01, 100);
        FloatMatrix c = random(6, 784, 4, 0.01, 100);
        Centers centers = Centers.of(c);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        float[] lanes = SquaredEuclidean.lanesBuffer();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < c.rows(); j++) {
                double exact = SquaredEuclidean.distance(x, i, c, j);
                double bound = centers.error(norms[i], j);
                // the block kernel's order (approximate) and the lane-parallel order of the
                // few-pair kernels (upperBound) are both within the one stated bound
                double approx = centers.approximate(x, i, norms[i], j, lanes);
                double lanesRaw = centers.upperBound(x, i, norms[i], j, lanes) - bound;
                assertTrue(Math.abs(exact - approx) <= bound, "block order beyond the bound at " + i + "," + j);
                assertTrue(Math.abs(exact - lanesRaw) <= bound, "lane order beyond the bound at " + i + "," + j);
                assertTrue(bound < 1e-3 * norms[i], "bound is tight enough to be useful");
            }
        }
    }

    @Test
    void nearTiesAreDecidedByTheExactDistance() {
        // Two centres whose distances to the rows differ far below float resolution of the expansion.
        int d = 256;
        float[] base = new float[d];
        for (int j = 0; j < d; j++) {
            base[j] = 50f + j % 7;
        }
        float[] c0 = base.clone();
        float[] c1 = base.clone();
        c0[0] += 1f;
        c1[1] += 1f;
        c1[2] += 0.001f; // c1 is farther from every row by about 1e-6
        FloatMatrix centers = FloatMatrix.of(new float[][] {c1, c0});
        FloatMatrix rows = FloatMatrix.of(new float[][] {base, base});
        int[] labels = new int[2];
        SquaredEuclidean.nearest(rows, 0, 2, centers, labels, new double[2]);
        assertEquals(1, labels[0]);
        // Exactly equal distances go to the lower index.
        FloatMatrix tied = FloatMatrix.of(new float[][] {c0, c0});
        SquaredEuclidean.nearest(rows, 0, 2, tied, labels, new double[2]);
        assertEquals(0, labels[0]);
    }

    @Test
    void blockKernelAndSingleDistanceGiveTheSameBits() {
        FloatMatrix x = random(45, 700, 9, 1, 0.3);
        FloatMatrix c = random(120, 700, 10, 1, 0.3); // 120 x 700 > one tile: exercises feature tiling
        Centers centers = Centers.of(c);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        double[] block = new double[45 * 120];
        SquaredEuclidean.block(x, norms, 0, 45, centers, block);
        int[] labels = new int[45];
        double[] dist = new double[45];
        SquaredEuclidean.assign(x, norms, 0, 45, centers, labels, dist);
        float[] lanes = SquaredEuclidean.lanesBuffer();
        for (int i = 0; i < 45; i++) {
            for (int j = 0; j < 120; j++) {
                assertEquals(Double.doubleToLongBits(block[i * 120 + j]),
                        Double.doubleToLongBits(centers.approximate(x, i, norms[i], j, lanes)), "pair " + i + "," + j);
            }
            assertEquals(Double.doubleToLongBits(block[i * 120 + labels[i]]), Double.doubleToLongBits(dist[i]));
        }
    }

    @Test
    void aPairsDistanceDoesNotDependOnTheOtherCentresOrRows() {
        // 3072 features, 101 centres: several feature tiles and panels; 7 centres: one tile, one panel.
        FloatMatrix x = random(31, 3072, 21, 1, 0.5);
        FloatMatrix c = random(101, 3072, 22, 1, 0.5);
        int[] some = {3, 40, 64, 65, 66, 99, 100};
        Centers all = Centers.of(c);
        Centers few = Centers.of(c.selectRows(some));
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        double[] wide = new double[31 * 101];
        SquaredEuclidean.block(x, norms, 0, 31, all, wide);
        double[] narrow = new double[5 * some.length];
        SquaredEuclidean.block(x, norms, 26, 31, few, narrow); // a short row group of its own
        for (int i = 26; i < 31; i++) {
            for (int s = 0; s < some.length; s++) {
                assertEquals(Double.doubleToLongBits(wide[i * 101 + some[s]]),
                        Double.doubleToLongBits(narrow[(i - 26) * some.length + s]), "pair " + i + "," + some[s]);
            }
        }
    }

    @Test
    void batchedUpperBoundsEqualTheSinglePairComputation() {
        FloatMatrix x = random(23, 3072, 13, 1, 0.5);
        FloatMatrix c = random(101, 3072, 14, 1, 0.5); // tiled: 101 x 3072 exceeds one tile
        Centers centers = Centers.of(c);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        int[] rows = new int[23];
        int[] own = new int[23];
        for (int i = 0; i < 23; i++) {
            rows[i] = 22 - i;
            own[i] = (i * 37) % 101;
        }
        double[] upper = new double[23];
        SquaredEuclidean.upperBounds(x, norms, rows, 0, 23, centers, own, upper);
        float[] lanes = SquaredEuclidean.lanesBuffer();
        for (int i = 0; i < 23; i++) {
            double single = Math.sqrt(Math.max(0, centers.upperBound(x, i, norms[i], own[i], lanes)));
            assertEquals(Double.doubleToLongBits(single), Double.doubleToLongBits(upper[i]), "row " + i);
            assertTrue(upper[i] >= Math.sqrt(SquaredEuclidean.distance(x, i, c, own[i])));
        }
    }

    @Test
    void hamerlyBoundsEncloseTheTrueDistances() {
        FloatMatrix x = random(64, 100, 11, 1, 0);
        FloatMatrix c = random(9, 100, 12, 1, 0);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        int[] labels = new int[64];
        double[] upper = new double[64];
        double[] lower = new double[64];
        SquaredEuclidean.assignWithBounds(x, norms, 0, 64, Centers.of(c), labels, null, upper, lower);
        for (int i = 0; i < 64; i++) {
            assertTrue(upper[i] >= Math.sqrt(SquaredEuclidean.distance(x, i, c, labels[i])));
            for (int j = 0; j < 9; j++) {
                if (j != labels[i]) {
                    assertTrue(lower[i] <= Math.sqrt(SquaredEuclidean.distance(x, i, c, j)), "row " + i + " centre " + j);
                }
            }
        }
    }

    @Test
    void rowLaneKernelGivesTheBitsOfThePackedKernel() {
        // Rows not a multiple of the step (a padded last block), features not a multiple of the
        // chunk, more than one chunk, every centre count the row-lane kernel takes (passes of 5
        // padded with zero centres), starts inside the data, and near ties (duplicated rows).
        int n = 301;
        for (int d : new int[] {3, 300}) {
            FloatMatrix x = random(n, d, d, 1, 0.5);
            System.arraycopy(x.data(), 0, x.data(), 7 * d, d); // row 7 = row 0
            double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
            RowBlocks blocks;
            try (Parallelism p = Parallelism.of(2)) {
                blocks = RowBlocks.of(x, p);
            }
            for (int k = 1; k <= SquaredEuclidean.ROW_LANE_MAX_K; k++) {
                float[] c = new float[k * d];
                for (int j = 0; j < k; j++) { // centres are data rows: exact zeros and ties
                    System.arraycopy(x.data(), (j * 13) * d, c, j * d, d);
                }
                Centers centers = Centers.of(FloatMatrix.wrap(k, d, c));
                int start = SquaredEuclidean.ROW_LANE_STEP;
                int[] packedLabels = new int[n];
                double[] packedDist = new double[n];
                SquaredEuclidean.assign(x, norms, start, n, centers, packedLabels, packedDist);
                int[] laneLabels = new int[n];
                double[] laneDist = new double[n];
                SquaredEuclidean.assignRowLanes(x, blocks, norms, start, n, centers, laneLabels, laneDist);
                for (int i = start; i < n; i++) {
                    assertEquals(packedLabels[i], laneLabels[i], "label of row " + i + ", d=" + d + ", k=" + k);
                    assertEquals(Double.doubleToLongBits(packedDist[i]), Double.doubleToLongBits(laneDist[i]),
                            "distance of row " + i + ", d=" + d + ", k=" + k);
                    assertEquals(exactArgmin(x, i, FloatMatrix.wrap(k, d, c)), laneLabels[i], "exact argmin of row " + i);
                }
            }
        }
    }

    @Test
    void rowLaneKernelKeepsTheExactArgminWhereTheExpansionCannotTell() {
        // Large offset, tiny spread: the expansion's error bound dwarfs every gap between centres,
        // so each row's nearest centre must come from the exact comparison, not the first candidate.
        int n = 130;
        int d = 64;
        FloatMatrix x = random(n, d, 11, 0.01, 100);
        FloatMatrix c = random(7, d, 12, 0.01, 100);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        RowBlocks blocks = RowBlocks.of(x, Parallelism.sequential());
        int[] labels = new int[n];
        double[] dist = new double[n];
        SquaredEuclidean.assignRowLanes(x, blocks, norms, 0, n, Centers.of(c), labels, dist);
        int notFirst = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(exactArgmin(x, i, c), labels[i], "row " + i);
            notFirst += labels[i] == 0 ? 0 : 1;
        }
        assertTrue(notFirst > n / 2, "the data should spread the rows over the centres: " + notFirst);
    }

    @Test
    void rowBlocksOfAnotherMatrixAreRejected() {
        FloatMatrix x = random(10, 4, 1, 1, 0);
        RowBlocks blocks = RowBlocks.of(random(11, 4, 2, 1, 0), Parallelism.sequential());
        Centers centers = Centers.of(random(2, 4, 3, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SquaredEuclidean.assignRowLanes(x, blocks, new double[10], 0, 10, centers, new int[10], null));
        assertTrue(e.getMessage().contains("another matrix"), e.getMessage());
        FloatMatrix sameValues = FloatMatrix.wrap(10, 4, x.data().clone());
        RowBlocks ofX = RowBlocks.of(x, Parallelism.sequential());
        assertThrows(IllegalArgumentException.class,
                () -> SquaredEuclidean.assignRowLanes(sameValues, ofX, new double[10], 0, 10, centers, new int[10], null));
        assertEquals(4L * SquaredEuclidean.ROW_LANE_STEP * 4, RowBlocks.bytes(x), "10 rows padded to one step");
    }
}
