package org.imageclustering.core.spectral;

import java.util.Arrays;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;

/**
 * Exact k nearest neighbours of every row among the other rows, by brute force over tiles of
 * the data with the project's distance kernel ({@link SquaredEuclidean#block}).
 *
 * <p>Query rows are cut into fixed chunks (each chunk owns its output rows) and every chunk scans
 * the reference tiles in order, so the result is the same at any thread count. Ties are broken by
 * the lower row index: the neighbours are the k smallest {@code (distance, index)} pairs.
 */
public final class NearestNeighbors {
    /** Query rows per parallel task. */
    static final int QUERY_CHUNK = 128;
    /** Reference rows per tile: a tile of 784-dimensional rows is 1.6 MB, sized to stay in cache. */
    static final int TILE = 512;

    private NearestNeighbors() {
    }

    /**
     * The neighbour lists, row-major: {@code indices[i * k + r]} is the r-th nearest row to row i and
     * {@code squaredDistances[i * k + r]} its squared distance, ascending in r.
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
        for (int t = 0; t < tiles; t++) {
            int s = t * TILE;
            int e = Math.min(n, s + TILE);
            tile[t] = FloatMatrix.wrap(e - s, d, Arrays.copyOfRange(x.data(), s * d, e * d));
        }
        int[] indices = new int[n * k];
        double[] dist = new double[n * k];
        parallel.forEach(n, QUERY_CHUNK, (s, e) -> {
            int rows = e - s;
            double[] block = new double[rows * TILE];
            double[] bestD = new double[rows * k];
            int[] bestI = new int[rows * k];
            Arrays.fill(bestD, Double.POSITIVE_INFINITY);
            Arrays.fill(bestI, Integer.MAX_VALUE);
            for (int t = 0; t < tiles; t++) {
                FloatMatrix ref = tile[t];
                int base = t * TILE;
                int m = ref.rows();
                SquaredEuclidean.block(x, s, e, ref, block);
                for (int q = 0; q < rows; q++) {
                    int o = q * k;
                    int row = s + q;
                    double worst = bestD[o + k - 1];
                    int bo = q * m;
                    for (int j = 0; j < m; j++) {
                        double v = block[bo + j];
                        // j grows, so a tie with the current worst never displaces a lower index
                        if (v < worst && base + j != row) {
                            insert(bestD, bestI, o, k, v, base + j);
                            worst = bestD[o + k - 1];
                        }
                    }
                }
            }
            System.arraycopy(bestD, 0, dist, s * k, rows * k);
            System.arraycopy(bestI, 0, indices, s * k, rows * k);
        });
        return new Result(n, k, indices, dist);
    }

    private static void insert(double[] bestD, int[] bestI, int o, int k, double v, int j) {
        int p = o + k - 1;
        while (p > o && (bestD[p - 1] > v || (bestD[p - 1] == v && bestI[p - 1] > j))) {
            bestD[p] = bestD[p - 1];
            bestI[p] = bestI[p - 1];
            p--;
        }
        bestD[p] = v;
        bestI[p] = j;
    }
}
