package org.imageclustering.core.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;

/**
 * Exact k nearest neighbours of every row among the other rows, by brute force over tiles of the
 * data with the project's distance kernel ({@link SquaredEuclidean#block}).
 *
 * <p>The rows are cut into fixed tiles and only the tile pairs {@code (a, b)} with {@code a <= b}
 * are computed, each distance once and offered to both of its rows: half the arithmetic of the
 * naive scan. Because the neighbours of a row are defined as the k smallest
 * {@code (distance, index)} pairs, a total order, the result does not depend on which thread offers
 * a candidate first; a row tile's lists are updated under that tile's lock. Each pair's distance
 * always comes from the same tile-pair computation, so the result is the same at any thread count.
 */
public final class NearestNeighbors {
    /** Rows per tile: a tile of 784-dimensional rows is 1.6 MB, and a tile pair's distances 2 MB. */
    static final int TILE = 512;

    private NearestNeighbors() {
    }

    /**
     * The neighbour lists, row-major: {@code indices[i * k + r]} is the r-th nearest row to row i and
     * {@code squaredDistances[i * k + r]} its squared distance (as the kernel computes it), ascending in r.
     */
    public record Result(int n, int k, int[] indices, double[] squaredDistances) {
        public int index(int i, int r) {
            return indices[i * k + r];
        }

        public double squaredDistance(int i, int r) {
            return squaredDistances[i * k + r];
        }
    }

    /**
     * The {@code k} nearest other rows of every row of {@code x}.
     *
     * @throws IllegalArgumentException if there are not more than {@code k} rows
     */
    public static Result of(FloatMatrix x, int k, Parallelism parallel) {
        int n = x.rows();
        if (n <= k) {
            throw new IllegalArgumentException("neighbors = " + k + " needs more than " + k + " rows, the data has "
                    + n);
        }
        int d = x.cols();
        int tiles = Parallelism.chunkCount(n, TILE);
        FloatMatrix[] tile = new FloatMatrix[tiles];
        Object[] locks = new Object[tiles];
        for (int t = 0; t < tiles; t++) {
            int s = t * TILE;
            int e = Math.min(n, s + TILE);
            tile[t] = FloatMatrix.wrap(e - s, d, Arrays.copyOfRange(x.data(), s * d, e * d));
            locks[t] = new Object();
        }
        double[] bestD = new double[n * k];
        int[] bestI = new int[n * k];
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        Arrays.fill(bestI, Integer.MAX_VALUE);
        // pairs in a fixed order, diagonal-major so that early tasks are spread over the tiles
        List<int[]> pairs = new ArrayList<>();
        for (int gap = 0; gap < tiles; gap++) {
            for (int a = 0; a + gap < tiles; a++) {
                pairs.add(new int[] {a, a + gap});
            }
        }
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[TILE * TILE]);
        parallel.forEach(pairs.size(), 1, (s, e) -> {
            for (int p = s; p < e; p++) {
                int a = pairs.get(p)[0];
                int b = pairs.get(p)[1];
                double[] block = scratch.get();
                FloatMatrix ta = tile[a];
                FloatMatrix tb = tile[b];
                SquaredEuclidean.block(ta, 0, ta.rows(), tb, block);
                offer(block, ta.rows(), tb.rows(), a * TILE, b * TILE, a == b, bestD, bestI, k, locks[a], locks[b]);
            }
        });
        return new Result(n, k, bestI, bestD);
    }

    /**
     * Offers the distances of tile pair {@code (a, b)} to the rows of both tiles; on the diagonal only
     * {@code i < j} is read, so each pair's value is used for both of its rows.
     */
    private static void offer(double[] block, int ra, int rb, int baseA, int baseB, boolean diagonal,
                              double[] bestD, int[] bestI, int k, Object lockA, Object lockB) {
        synchronized (lockA) {
            for (int i = 0; i < ra; i++) {
                int o = (baseA + i) * k;
                int bo = i * rb;
                for (int j = diagonal ? i + 1 : 0; j < rb; j++) {
                    offerOne(bestD, bestI, o, k, block[bo + j], baseB + j);
                }
            }
        }
        synchronized (lockB) {
            for (int j = 0; j < rb; j++) {
                int o = (baseB + j) * k;
                int limit = diagonal ? j : ra;
                for (int i = 0; i < limit; i++) {
                    offerOne(bestD, bestI, o, k, block[i * rb + j], baseA + i);
                }
            }
        }
    }

    /** Inserts {@code (v, j)} into the ascending list at {@code o} if it beats the worst entry. */
    private static void offerOne(double[] bestD, int[] bestI, int o, int k, double v, int j) {
        int last = o + k - 1;
        if (v > bestD[last] || (v == bestD[last] && j >= bestI[last])) {
            return;
        }
        int p = last;
        while (p > o && (bestD[p - 1] > v || (bestD[p - 1] == v && bestI[p - 1] > j))) {
            bestD[p] = bestD[p - 1];
            bestI[p] = bestI[p - 1];
            p--;
        }
        bestD[p] = v;
        bestI[p] = j;
    }
}
