package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class NearestNeighborsTest {
    @Test
    void matchesBruteForceAcrossTileBoundaries() {
        // 1,300 rows span three tiles: diagonal and off-diagonal tile pairs
        FloatMatrix x = Fixtures.blobs(4, 325, 6, 3, 8).points();
        NearestNeighbors.Result r = NearestNeighbors.of(x, 7, Parallelism.sequential());
        int n = x.rows();
        for (int i = 0; i < n; i += 37) {
            final int row = i;
            Integer[] others = new Integer[n - 1];
            for (int j = 0, p = 0; j < n; j++) {
                if (j != row) {
                    others[p++] = j;
                }
            }
            Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> SquaredEuclidean.distance(x, row, x, j))
                    .thenComparingInt(j -> j));
            // the kernel's distances are float32 dot products: compare exact distances of the lists
            for (int q = 0; q < 7; q++) {
                double want = SquaredEuclidean.distance(x, row, x, others[q]);
                double got = SquaredEuclidean.distance(x, row, x, r.index(row, q));
                assertEquals(want, got, 1e-5 * Math.max(1, want), "row " + row + " neighbour " + q);
                assertEquals(want, r.squaredDistance(row, q), 1e-5 * Math.max(1, want));
                assertTrue(r.index(row, q) != row);
            }
        }
    }

    @Test
    void listsAreTheKernelsKSmallestPairsBitForBit() {
        // 300 wide rows (several feature chunks of the kernel) over two tiles, one of them partial,
        // against one kernel call for all pairs at once: same distances bit for bit, hence the same
        // k smallest (distance, index) pairs, whatever tile, slice or pass offered them
        int n = 700;
        int d = 300;
        int k = 9;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(13);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double centre = j == i % 6 ? 6 : 0;
                double sd = j < 30 ? 1 : 0.05;
                v[i * d + j] = (float) (centre + sd * rng.nextGaussian());
            }
        }
        FloatMatrix x = FloatMatrix.wrap(n, d, v);
        double[] norms = SquaredEuclidean.squaredNorms(x, Parallelism.sequential());
        double[] all = new double[n * n];
        SquaredEuclidean.block(x, norms, 0, n, Centers.of(x), all);
        NearestNeighbors.Result r = NearestNeighbors.of(x, k, Parallelism.sequential());
        for (int i = 0; i < n; i++) {
            final int row = i;
            Integer[] others = new Integer[n - 1];
            for (int j = 0, p = 0; j < n; j++) {
                if (j != row) {
                    others[p++] = j;
                }
            }
            Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> all[row * n + j]).thenComparingInt(j -> j));
            for (int q = 0; q < k; q++) {
                assertEquals(others[q], r.index(row, q), "row " + row + " neighbour " + q);
                assertEquals(all[row * n + others[q]], r.squaredDistance(row, q), 0.0,
                        "row " + row + " neighbour " + q);
            }
        }
    }

    @Test
    void duplicateRowsTieToTheLowerIndexAndNeverListThemselves() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0, 0}, {0, 0}, {0, 0}, {5, 5}});
        NearestNeighbors.Result r = NearestNeighbors.of(x, 2, Parallelism.sequential());
        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1, 0, 1}, r.indices());
        assertTrue(r.squaredDistance(3, 0) > 0);
    }

    @Test
    void sameNeighboursAtAnyThreadCount() {
        // 1,500 rows: three tiles, so threads race for tile locks and staging merges
        FloatMatrix x = Fixtures.moons(1500, 0.1, 2).points();
        NearestNeighbors.Result one = NearestNeighbors.of(x, 5, Parallelism.sequential());
        try (Parallelism p = Parallelism.of(4)) {
            NearestNeighbors.Result four = NearestNeighbors.of(x, 5, p);
            assertArrayEquals(one.indices(), four.indices());
            assertArrayEquals(one.squaredDistances(), four.squaredDistances());
        }
    }

    @Test
    void tooFewRowsIsAnError() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {1}, {2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.of(x, 3, Parallelism.sequential()));
        assertEquals("neighbors = 3 needs more than 3 rows, the data has 3", e.getMessage());
    }
}
