package org.imageclustering.core.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;
import org.imageclustering.core.linalg.PrincipalComponents;

/**
 * Exact k nearest neighbours of every row among the other rows, by the project's distance kernel.
 *
 * <p>"Exact" means: the neighbours of a row are the k smallest {@code (distance, index)} pairs over
 * all other rows, distances as {@link SquaredEuclidean} computes them (float32 dot products, within
 * its documented error bound {@code E} of the true value: the block kernel for brute force, its
 * few-pair routine {@link SquaredEuclidean#approximateMany} for the filter's survivors; the two may
 * differ in the last bits, so near ties within {@code E} may be broken differently). Two strategies
 * give that answer:
 *
 * <ul>
 *   <li><b>Brute force over tile pairs</b> (narrow rows, or fewer than {@value #FILTER_MIN_ROWS}
 *       rows): the rows are cut into fixed tiles and only tile pairs {@code (a, b)} with
 *       {@code a <= b} are computed, each distance once and offered to both of its rows: half the
 *       arithmetic of the naive scan. A row tile's lists are updated under that tile's lock.</li>
 *   <li><b>Principal-subspace filter</b> (rows of {@value #FILTER_MIN_DIMS}+ features): the
 *       distance between projections onto any orthonormal axes is a lower bound of the distance,
 *       and adding {@code (|r_i| - |r_j|)^2}, {@code r} being a row's part orthogonal to the axes,
 *       keeps it one (reverse triangle inequality). With the {@value #FILTER_DIMS} leading principal
 *       axes of a strided sample of rows (any orthonormal axes keep the bound valid; good ones make
 *       it tight) the kernel computes all bounds in 48 instead of 784 dimensions, and a full-width
 *       distance is computed only for the rows whose bound, less a margin well above the
 *       computations' rounding error, does not exceed the current k-th distance; a second stage
 *       first adds the next 144 principal coordinates (a quarter of a row's bytes) to the survivors'
 *       bounds. Each stage tests a row's candidates against one threshold and evaluates the survivors
 *       as a batch (SIMD over four rows at a time). On Fashion-MNIST a few hundred rows per row pass
 *       the first stage, a few dozen to a few hundred the second.</li>
 * </ul>
 *
 * <p>Both are the same at any thread count: the k smallest pairs under a total order do not depend
 * on the order in which candidates are offered, and every distance comes from one fixed computation.
 */
public final class NearestNeighbors {
    /** Rows per tile: a tile of 784-dimensional rows is 1.6 MB, and a tile pair's distances 2 MB. */
    static final int TILE = 512;
    /** Principal axes of the lower-bound filter (a multiple of the SIMD lane counts). */
    static final int FILTER_DIMS = 48;
    /** Principal axes of the filter's second stage, applied to the rows the first lets through. */
    static final int FILTER_WIDE_DIMS = 192;
    /** Rows narrower than this are searched by brute force. */
    static final int FILTER_MIN_DIMS = 256;
    /**
     * Fewer rows are searched by brute force: the filter's second pass reads a few hundred random
     * rows per row, which only pays once the quadratic pass it replaces is large.
     */
    static final int FILTER_MIN_ROWS = 16_384;
    /** Rows whose covariance gives the filter's axes. */
    static final int FILTER_SAMPLE = 4096;
    /**
     * Rows of smallest first-stage bound (per neighbour) whose full distances set the filter's
     * threshold: with 2 instead of 1 per neighbour, half as many rows pass the first stage.
     */
    static final int FILTER_SEEDS = 2;
    /** Survivors of the filter's second stage evaluated together (a multiple of 4, the few-pair routine's group). */
    static final int FILTER_BATCH = 8;
    /** Query rows per task of the filter (each holds a {@code 64 x n} block of bounds). */
    static final int FILTER_CHUNK = 64;
    /**
     * Margin of the filter relative to {@code (|p_i| + |p_j|)^2 + (|x_i| + |x_j|)^2}: the kernel's
     * float error bound is below 1e-5 of the first for the bounds and of the second for full rows,
     * and rounding the projections to float adds less than 1e-6, so a bound never rules out a row
     * that the kernel's own distances would have kept.
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

    /** The principal-subspace filter of the class comment. */
    static Result filtered(FloatMatrix x, int k, Parallelism parallel) {
        requireRows(x, k);
        int n = x.rows();
        int d = x.cols();
        int wide = Math.min(FILTER_WIDE_DIMS, d - 1);
        int narrow = FILTER_DIMS;
        int rest = wide - narrow;
        PrincipalComponents basis = PcaProjection.fit(x, wide, FILTER_SAMPLE, parallel);
        double[] outside = new double[n]; // length of each row's part outside the wide subspace
        FloatMatrix projected = basis.projectPrecisely(x, outside, parallel);
        float[] pd = projected.data();
        float[] head = new float[n * narrow];
        float[] tail = new float[n * rest];
        double[] beyondNarrow = new double[n]; // length of each row's part outside the narrow subspace
        for (int i = 0; i < n; i++) {
            System.arraycopy(pd, i * wide, head, i * narrow, narrow);
            System.arraycopy(pd, i * wide + narrow, tail, i * rest, rest);
            double q = 0;
            for (int c = 0; c < rest; c++) {
                double v = tail[i * rest + c];
                q += v * v;
            }
            beyondNarrow[i] = Math.sqrt(q + outside[i] * outside[i]);
        }
        FloatMatrix p = FloatMatrix.wrap(n, narrow, head);
        FloatMatrix t = FloatMatrix.wrap(n, rest, tail);
        double[] norms = SquaredEuclidean.squaredNorms(p, parallel);
        SquaredEuclidean.Centers all = SquaredEuclidean.Centers.of(p);
        SquaredEuclidean.Centers tails = SquaredEuclidean.Centers.of(t);
        // full-width distances of the survivors come from the kernel too (SIMD, and the same values
        // brute force would compute), so the margin also covers its error for whole rows
        SquaredEuclidean.Centers rows = SquaredEuclidean.Centers.of(x);
        double[] lp = new double[n];
        double[] lt = new double[n];
        double[] lx = new double[n];
        for (int i = 0; i < n; i++) {
            lp[i] = Math.sqrt(Math.max(0, norms[i]));
            lt[i] = Math.sqrt(Math.max(0, tails.norm(i)));
            lx[i] = Math.sqrt(Math.max(0, rows.norm(i)));
        }
        int[] indices = new int[n * k];
        double[] dist = new double[n * k];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[FILTER_CHUNK * n]);
        ThreadLocal<int[]> candidateScratch = ThreadLocal.withInitial(() -> new int[n]);
        ThreadLocal<double[]> valueScratch = ThreadLocal.withInitial(() -> new double[n]);
        ThreadLocal<double[]> lowerScratch = ThreadLocal.withInitial(() -> new double[n]);
        ThreadLocal<long[]> orderScratch = ThreadLocal.withInitial(() -> new long[n]);
        long exact = parallel.mapReduce(n, FILTER_CHUNK, (s, e) -> {
            double[] bound = scratch.get();
            int[] candidates = candidateScratch.get();
            double[] values = valueScratch.get();
            double[] lowers = lowerScratch.get();
            long[] order = orderScratch.get();
            int[] batch = new int[FILTER_BATCH];
            float[] lanes = SquaredEuclidean.lanesBuffer();
            SquaredEuclidean.block(p, norms, s, e, all, bound);
            double[] bd = new double[k];
            int[] bi = new int[k];
            int seeds = Math.min(n - 1, FILTER_SEEDS * k);
            double[] sd = new double[seeds];
            int[] si = new int[seeds];
            long evaluated = 0;
            for (int i = s; i < e; i++) {
                int o = (i - s) * n;
                double xNorm = rows.norm(i);
                double tNorm = tails.norm(i);
                // start from the rows of smallest bounds: they hold most true neighbours, so the
                // threshold is tight at once
                Arrays.fill(sd, Double.POSITIVE_INFINITY);
                Arrays.fill(si, Integer.MAX_VALUE);
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        offerOne(sd, si, 0, seeds, bound[o + j], j);
                    }
                }
                int[] first = si;
                Arrays.fill(bd, Double.POSITIVE_INFINITY);
                Arrays.fill(bi, Integer.MAX_VALUE);
                SquaredEuclidean.approximateMany(x, i, xNorm, rows, first, seeds, values, lanes);
                for (int q = 0; q < seeds; q++) {
                    offerOne(bd, bi, 0, k, Math.max(0, values[q]), first[q]);
                }
                evaluated += seeds;
                // Survivors are evaluated in batches: the kernel's few-pair routine shares each load of
                // row i among four rows on SIMD lanes, where a pair-by-pair float chain is latency-bound.
                // The stages test against the k-th distance of the seed rows (near final); full
                // rows go best wider bound first, each batch re-tested against the tightened k-th distance.
                double threshold = bd[k - 1];
                int m = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double rp = lp[i] + lp[j];
                    double rx = lx[i] + lx[j];
                    double margin = FILTER_SLACK * (rp * rp + rx * rx);
                    double gap = beyondNarrow[i] - beyondNarrow[j];
                    // stage 1: 48 coordinates plus the gap of the lengths outside them
                    if (bound[o + j] + gap * gap - margin > threshold || contains(first, j)) {
                        continue;
                    }
                    candidates[m++] = j;
                }
                // stage 2: the next coordinates, plus the gap of the lengths outside all of them
                SquaredEuclidean.approximateMany(t, i, tNorm, tails, candidates, m, values, lanes);
                int kept = 0;
                for (int c = 0; c < m; c++) {
                    int j = candidates[c];
                    double rp = lp[i] + lp[j];
                    double rx = lx[i] + lx[j];
                    double rt = lt[i] + lt[j];
                    double margin = FILTER_SLACK * (rp * rp + rx * rx + rt * rt);
                    double out = outside[i] - outside[j];
                    double lower = bound[o + j] + values[c] + out * out - margin;
                    if (lower <= threshold) {
                        lowers[kept] = lower;
                        // best bound first, so the threshold tightens early; the float key only orders
                        order[kept] = (long) Float.floatToIntBits((float) Math.max(0, lower)) << 32 | kept;
                        candidates[kept++] = j;
                    }
                }
                Arrays.sort(order, 0, kept);
                int next = 0;
                while (next < kept) {
                    int size = 0;
                    for (; next < kept && size < FILTER_BATCH; next++) {
                        int at = (int) order[next];
                        if (lowers[at] <= bd[k - 1]) {
                            batch[size++] = candidates[at];
                        }
                    }
                    SquaredEuclidean.approximateMany(x, i, xNorm, rows, batch, size, values, lanes);
                    for (int q = 0; q < size; q++) {
                        offerOne(bd, bi, 0, k, Math.max(0, values[q]), batch[q]);
                    }
                    evaluated += size;
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
