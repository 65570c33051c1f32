package org.imageclustering.core.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;

/**
 * Exact k nearest neighbours of every row among the other rows, with the project's distance kernel.
 *
 * <p>Two exact strategies. For wide rows ({@code d >= }{@value #FILTER_MIN_DIMS}), a
 * <em>principal-subspace filter</em>: the distance between the projections of two rows onto any
 * orthonormal axes is a lower bound of their distance, so with the {@value #FILTER_DIMS} leading
 * principal axes (estimated from a strided sample of rows; any orthonormal axes keep the bound
 * valid, good ones make it tight) the kernel computes all bounds in 48 instead of 784 dimensions;
 * adding {@code (|r_i| - |r_j|)^2}, with {@code r} a row's part orthogonal to the axes, keeps it a
 * lower bound (reverse triangle inequality) and tightens it for free,
 * and only the rows whose bound, less a margin far above the kernel's float rounding error, does not
 * exceed the current k-th distance get an exact double-precision distance. On image rows this
 * evaluates a few hundred exact distances per row instead of n. Each query chunk owns its rows and
 * the answer (the k smallest exact {@code (distance, index)} pairs) does not depend on the order of
 * evaluation, so it is the same at any thread count.
 *
 * <p>For narrow rows, brute force over tiles ({@link SquaredEuclidean#block}): the rows are cut into fixed tiles and only the tile pairs {@code (a, b)} with {@code a <= b}
 * are computed, each distance once and offered to both of its rows: half the arithmetic of the
 * naive scan. Because the neighbours of a row are defined as the k smallest
 * {@code (distance, index)} pairs, a total order, the result does not depend on which thread offers
 * a candidate first; a row tile's lists are updated under that tile's lock. Each pair's distance
 * always comes from the same tile-pair computation, so the result is the same at any thread count.
 */
public final class NearestNeighbors {
    /** Rows per tile: a tile of 784-dimensional rows is 1.6 MB, and a tile pair's distances 2 MB. */
    static final int TILE = 512;
    /** Principal axes of the lower-bound filter (a multiple of the SIMD lane counts). */
    static final int FILTER_DIMS = 48;
    /** Rows narrower than this are searched by brute force. */
    static final int FILTER_MIN_DIMS = 4 * FILTER_DIMS;
    /**
     * Fewer rows are searched by brute force: the filter's exact pass costs a few hundred random row
     * reads per row, which only pays once the quadratic pass it replaces is large (on Fashion-MNIST
     * the two break even between 10,000 and 20,000 rows; at 60,000 the filter is about twice as fast).
     */
    static final int FILTER_MIN_ROWS = 16_384;
    /** Rows whose covariance gives the filter's axes. */
    static final int FILTER_SAMPLE = 4096;
    /** Query rows per task of the filter (each holds a {@code 64 x n} block of bounds). */
    static final int FILTER_CHUNK = 64;
    /**
     * Margin of the filter relative to {@code (|p_i| + |p_j|)^2}: the kernel's float error bound for
     * 48-feature dot products is below 5e-6 of that, and rounding the projections to float adds less
     * than 1e-6, so a bound is never trusted beyond what it proves.
     */
    static final double FILTER_SLACK = 1e-4;

    private NearestNeighbors() {
    }

    /**
     * The neighbour lists, row-major: {@code indices[i * k + r]} is the r-th nearest row to row i and
     * {@code squaredDistances[i * k + r]} its squared distance (as the kernel computes it), ascending in r.
     */
    public record Result(int n, int k, int[] indices, double[] squaredDistances, long exactDistances) {
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
        requireRows(x, k);
        return x.cols() >= FILTER_MIN_DIMS && x.rows() >= FILTER_MIN_ROWS ? filtered(x, k, parallel)
                : bruteForce(x, k, parallel);
    }

    private static void requireRows(FloatMatrix x, int k) {
        if (x.rows() <= k) {
            throw new IllegalArgumentException("neighbors = " + k + " needs more than " + k + " rows, the data has "
                    + x.rows());
        }
    }

    /** Brute force over symmetric tile pairs; distances as the block kernel computes them. */
    static Result bruteForce(FloatMatrix x, int k, Parallelism parallel) {
        requireRows(x, k);
        int n = x.rows();
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
        return new Result(n, k, bestI, bestD, 0);
    }

    /** The principal-subspace filter of the class comment; distances are exact (double). */
    static Result filtered(FloatMatrix x, int k, Parallelism parallel) {
        requireRows(x, k);
        int n = x.rows();
        int d = x.cols();
        int dims = Math.min(FILTER_DIMS, d - 1);
        int m = Math.min(n, FILTER_SAMPLE);
        int[] sample = new int[m];
        for (int t = 0; t < m; t++) {
            sample[t] = (int) ((long) t * n / m);
        }
        PcaProjection.Basis basis = PcaProjection.Basis.of(x.selectRows(sample), dims, parallel);
        double[] residual = new double[n];
        FloatMatrix p = basis.project(x, residual, parallel);
        double[] norms = SquaredEuclidean.squaredNorms(p, parallel);
        double[] roots = new double[n];
        for (int i = 0; i < n; i++) {
            roots[i] = Math.sqrt(Math.max(0, norms[i]));
        }
        SquaredEuclidean.Centers all = SquaredEuclidean.Centers.of(p);
        float[] xd = x.data();
        int[] indices = new int[n * k];
        double[] dist = new double[n * k];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[FILTER_CHUNK * n]);
        long exact = parallel.mapReduce(n, FILTER_CHUNK, (s, e) -> {
            double[] bound = scratch.get();
            SquaredEuclidean.block(p, norms, s, e, all, bound);
            double[] bd = new double[k];
            int[] bi = new int[k];
            long evaluated = 0;
            for (int i = s; i < e; i++) {
                int o = (i - s) * n;
                // start from the k smallest bounds: usually the true neighbours, so the threshold is tight at once
                Arrays.fill(bd, Double.POSITIVE_INFINITY);
                Arrays.fill(bi, Integer.MAX_VALUE);
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        offerOne(bd, bi, 0, k, bound[o + j], j);
                    }
                }
                int[] first = bi.clone();
                Arrays.fill(bd, Double.POSITIVE_INFINITY);
                Arrays.fill(bi, Integer.MAX_VALUE);
                for (int j : first) {
                    offerOne(bd, bi, 0, k, SquaredEuclidean.distance(xd, i * d, xd, j * d, d), j);
                }
                evaluated += k;
                double ri = roots[i];
                double resI = residual[i];
                for (int j = 0; j < n; j++) {
                    double r = ri + roots[j];
                    double res = resI - residual[j];
                    if (j == i || bound[o + j] + res * res - FILTER_SLACK * r * r > bd[k - 1] || contains(first, j)) {
                        continue;
                    }
                    offerOne(bd, bi, 0, k, SquaredEuclidean.distance(xd, i * d, xd, j * d, d), j);
                    evaluated++;
                }
                System.arraycopy(bd, 0, dist, i * k, k);
                System.arraycopy(bi, 0, indices, i * k, k);
            }
            return evaluated;
        }, 0L, Long::sum);
        return new Result(n, k, indices, dist, exact);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
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
