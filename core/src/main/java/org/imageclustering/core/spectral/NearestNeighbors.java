package org.imageclustering.core.spectral;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.KernelProvider;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Exact k nearest neighbours of every row among the other rows, by brute force over symmetric tile
 * pairs with the project's distance kernel.
 *
 * <p>"Exact" means: the neighbours of a row are the k smallest {@code (distance, index)} pairs over
 * all other rows, distances as the block kernel of {@link SquaredEuclidean} computes them (float32
 * dot products, within its documented error bound of the true value, so near ties within that bound
 * may be broken differently than exact arithmetic would).
 *
 * <p>The rows are cut into fixed tiles of {@value #TILE} and only tile pairs {@code (a, b)} with
 * {@code a <= b} are computed, each distance once and offered to both of its rows: half the
 * arithmetic of the naive scan. Pairs run column tile by column tile, so that tile b is packed for
 * the kernel once ({@link Centers}, which computes the tile's squared norms; the
 * row side's come from one pass over all rows) and serves its {@code b + 1} pairs while it is hot
 * in cache; the rows of tile a are read in place.
 * A pair's distances are then scanned once, row by row, against two thresholds per value: its row's
 * current k-th distance and its column's (a SIMD compare per group of lanes, {@link NeighborScreen};
 * list insertions only for the few values at or below one of them). Rows are updated under their
 * tile's lock; columns go to per-pair staging lists, merged under the column tile's lock when the
 * pair is done, so that two threads on pairs of the same column tile do not wait for each other. On
 * Fashion-MNIST the kernel takes nearly all the time at 784 features, and about two thirds at 50
 * (PCA front end).
 *
 * <p>A principal-subspace lower-bound filter (bounds in 48 principal coordinates, full distances
 * only where a bound could not rule a row out) was measured against this search and removed (2
 * threads, first n Fashion-MNIST train images, seconds of the search alone): at 784 features 2.6
 * against 1.8 at n = 20,000 and 19-20 against 16-17 at n = 60,000; at 3,072 features, each image
 * resized to 32 x 32 beside its two mirror images (CIFAR's width with Fashion-MNIST's principal
 * structure, which favours the filter), 33-37 against 6.5-7.7 at 20,000 and 78 against 58 at
 * 50,000, much of it the principal axes of 3,072 features; on {@code BenchData.cifarShaped} (noise
 * in every direction, which no subspace bounds) 65-68 against 6.5-7.7 at 20,000. Its advantage
 * grows with n, so far more than 60,000 wide rows might favour it again.
 *
 * <p>The answer is the same at any thread count: the k smallest pairs under a total order do not
 * depend on the order in which candidates are offered, and every distance comes from one fixed
 * computation. Nor does it depend on whether the JVM has the Vector API module: without it the
 * distances are the kernel's scalar fallback's (the same bits) and the screen compares one value at
 * a time, which only changes how many values are offered to the lists, not the lists.
 */
public final class NearestNeighbors {
    /** Rows per tile: a tile of 784-dimensional rows packs to 1.6 MB, a tile pair's distances take 2 MB. */
    static final int TILE = 512;
    /** Chosen once, for the whole library, by {@link KernelProvider}. */
    private static final NeighborScreen SCREEN = KernelProvider.choose(MethodHandles.lookup(), NeighborScreen.class,
            "VectorNeighborScreen", lanes -> new NeighborScreen.Scalar());

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
     * The {@code k} nearest other rows of every row of {@code x} (finite values).
     *
     * @throws IllegalArgumentException if there are not more than {@code k} rows
     */
    public static Result of(FloatMatrix x, int k, Parallelism parallel) {
        int n = x.rows();
        if (n <= k) {
            throw new IllegalArgumentException("neighbors = " + k + " needs more than " + k + " rows, the data has "
                    + n);
        }
        int tiles = Parallelism.chunkCount(n, TILE);
        double[] norms = SquaredEuclidean.squaredNorms(x, parallel);
        double[] bestD = new double[n * k];
        int[] bestI = new int[n * k];
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        Arrays.fill(bestI, Integer.MAX_VALUE);
        Object[] locks = new Object[tiles];
        for (int t = 0; t < tiles; t++) {
            locks[t] = new Object();
        }
        PackedTiles packed = new PackedTiles(x, tiles);
        // pair p of the fixed order: column tile b, then row tile a = 0..b
        int pairs = tiles * (tiles + 1) / 2;
        int[] pairA = new int[pairs];
        int[] pairB = new int[pairs];
        for (int b = 0, p = 0; b < tiles; b++) {
            for (int a = 0; a <= b; a++, p++) {
                pairA[p] = a;
                pairB[p] = b;
            }
        }
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(k));
        parallel.forEach(pairs, 1, (s, e) -> {
            Scratch w = scratch.get();
            for (int p = s; p < e; p++) {
                int a = pairA[p];
                int b = pairB[p];
                Centers columns = packed.acquire(b);
                w.pair(x, norms, a, b, columns, bestD, bestI, locks[a], locks[b]);
                packed.release(b);
            }
        });
        return new Result(n, k, bestI, bestD);
    }

    /**
     * The column tiles prepared for the kernel, each built on first use and dropped after its last
     * pair, so that only the few tiles in flight are held, not another copy of the data.
     */
    private static final class PackedTiles {
        private final FloatMatrix x;
        private final Centers[] tiles;
        private final int[] pending;

        PackedTiles(FloatMatrix x, int count) {
            this.x = x;
            this.tiles = new Centers[count];
            this.pending = new int[count];
            for (int b = 0; b < count; b++) {
                pending[b] = b + 1;
            }
        }

        synchronized Centers acquire(int b) {
            if (tiles[b] == null) {
                int d = x.cols();
                int s = b * TILE;
                int e = Math.min(x.rows(), s + TILE);
                tiles[b] = Centers.of(
                        FloatMatrix.wrap(e - s, d, Arrays.copyOfRange(x.data(), s * d, e * d)));
            }
            return tiles[b];
        }

        synchronized void release(int b) {
            if (--pending[b] == 0) {
                tiles[b] = null;
            }
        }
    }

    /** One thread's buffers: a tile pair's distances and its column staging lists. */
    private static final class Scratch {
        private final int k;
        private final double[] block = new double[TILE * TILE];
        /** Per column: the value a distance must not exceed to enter its list. */
        private final double[] threshold = new double[TILE];
        private final double[] stagedD;
        private final int[] stagedI;

        Scratch(int k) {
            this.k = k;
            this.stagedD = new double[TILE * k];
            this.stagedI = new int[TILE * k];
        }

        /**
         * Computes tile pair {@code (a, b)} and offers every distance to both of its rows; on the
         * diagonal only {@code i < j} is used, so each pair's value serves both of its rows once.
         */
        void pair(FloatMatrix x, double[] norms, int a, int b, Centers columns,
                  double[] bestD, int[] bestI, Object lockA, Object lockB) {
            int n = x.rows();
            int baseA = a * TILE;
            int endA = Math.min(n, baseA + TILE);
            int baseB = b * TILE;
            int rb = columns.k();
            // A column's staged candidates must beat its k-th distance as of now; lists only
            // improve, so a stale threshold merely lets a few more values through.
            synchronized (lockB) {
                for (int j = 0; j < rb; j++) {
                    threshold[j] = bestD[(baseB + j) * k + k - 1];
                }
            }
            Arrays.fill(stagedD, 0, rb * k, Double.POSITIVE_INFINITY);
            Arrays.fill(stagedI, 0, rb * k, Integer.MAX_VALUE);
            SquaredEuclidean.block(x, norms, baseA, endA, columns, block);
            if (a == b) {
                // NaN fails every comparison, so j <= i is offered to neither row
                for (int i = baseA; i < endA; i++) {
                    Arrays.fill(block, (i - baseA) * rb, (i - baseA) * rb + (i - baseA) + 1, Double.NaN);
                }
            }
            synchronized (lockA) {
                offer(baseA, endA, rb, baseB, bestD, bestI);
            }
            synchronized (lockB) {
                for (int j = 0; j < rb; j++) {
                    int o = j * k;
                    for (int r = 0; r < k && stagedI[o + r] != Integer.MAX_VALUE; r++) {
                        offerOne(bestD, bestI, (baseB + j) * k, k, stagedD[o + r], stagedI[o + r]);
                    }
                }
            }
        }

        /**
         * Offers the pair's distances to their rows (the list itself, one threshold per row: its
         * k-th distance) and to their columns (the staging lists, one threshold per column) in one
         * row-major scan: a SIMD compare against the larger of the two thresholds per lane group,
         * and the scalar tests only for the rare group with a value at or below it.
         */
        private void offer(int baseA, int endA, int rb, int baseB, double[] bestD, int[] bestI) {
            int step = SCREEN.step();
            int upper = rb - rb % step;
            for (int i = baseA; i < endA; i++) {
                int o = i * k;
                int last = o + k - 1;
                int row = (i - baseA) * rb;
                double limit = bestD[last];
                int j = SCREEN.next(block, row, threshold, limit, 0, upper);
                for (; j < upper; j = SCREEN.next(block, row, threshold, limit, j + step, upper)) {
                    for (int q = j; q < j + step; q++) {
                        limit = offerBoth(i, q, block[row + q], limit, baseB, bestD, bestI);
                    }
                }
                for (j = upper; j < rb; j++) {
                    limit = offerBoth(i, j, block[row + j], limit, baseB, bestD, bestI);
                }
            }
        }

        /** Offers the distance between row i and column j of the pair to both; returns row i's new threshold. */
        private double offerBoth(int i, int j, double value, double limit, int baseB, double[] bestD, int[] bestI) {
            if (value <= limit) {
                offerOne(bestD, bestI, i * k, k, value, baseB + j);
                limit = bestD[i * k + k - 1];
            }
            stage(j, value, i);
            return limit;
        }

        private void stage(int column, double value, int i) {
            if (value <= threshold[column]) {
                int o = column * k;
                offerOne(stagedD, stagedI, o, k, value, i);
                threshold[column] = Math.min(threshold[column], stagedD[o + k - 1]);
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
