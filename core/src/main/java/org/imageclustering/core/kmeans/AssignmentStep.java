package org.imageclustering.core.kmeans;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * The assignment step of k-means over a block of rows: each row gets the exact nearest centre,
 * and each row whose label changed moves, in row order, between the float64 sums and counts of its
 * fixed chunk ({@link ChunkPartials}); the distortion then follows from the combined sums
 * ({@link ClusterSums#distortion}).
 *
 * <p>Lloyd, Hamerly and Elkan differ only in how they label the rows of a chunk (a package-private
 * {@code Labeller}: every centre, or only the rows their bounds cannot settle); the bookkeeping
 * after it is this class's, so every variant makes the same label changes in the same order and
 * reaches the same sums. Mini-batch k-means uses the batch form ({@code MiniBatchStep}) and the
 * same row arithmetic.
 *
 * <p><b>Blocks and chunks.</b> The step holds the labels of its rows ({@code -1} before the first
 * pass, so the first pass adds every row) and works on any range {@code [start, end)} of them,
 * cut at the chunk boundaries: row {@code i} always lands in chunk {@code i / chunkSize}.
 * Consecutive ranges therefore leave the same partials as one pass, at any thread count; and the
 * rows of a data set split into blocks that start at multiples of the chunk size (Spark
 * partitions, say), each with its own step and the data set's chunk size, leave the same partials
 * as one step over all rows, chunk for chunk, to be combined in block order.
 */
public final class AssignmentStep {
    /** Fewest rows per chunk. */
    private static final int MIN_CHUNK = 1024;
    /** Doubles allowed for the per-chunk cluster sums of a whole data set (128 MiB). */
    static final long PARTIAL_BUDGET = 16L << 20;

    final FloatMatrix rows;
    final double[] norms;
    final int k;
    final int d;
    final int chunkSize;
    /** The label of each row as of the last pass, or {@code -1}. */
    final int[] labels;
    /** The labels a labeller writes for the current pass, compared with {@link #labels} afterwards. */
    final int[] fresh;
    final ChunkPartials partials;

    /**
     * A step over {@code rows} (squared norms {@code rowNorms} as {@link SquaredEuclidean#squaredNorms}
     * gives them) for {@code k} centres, with the chunk size of the whole data set
     * ({@link #chunkSize(int, int, int)}).
     */
    public AssignmentStep(FloatMatrix rows, double[] rowNorms, int k, int chunkSize) {
        if (rowNorms.length != rows.rows()) {
            throw new IllegalArgumentException("rowNorms has " + rowNorms.length + " entries but there are "
                    + rows.rows() + " rows");
        }
        if (k < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("k and chunkSize must be >= 1, were " + k + " and " + chunkSize);
        }
        this.rows = rows;
        this.norms = rowNorms;
        this.k = k;
        this.d = rows.cols();
        this.chunkSize = chunkSize;
        int n = rows.rows();
        this.labels = new int[n];
        this.fresh = new int[n];
        java.util.Arrays.fill(labels, -1);
        this.partials = new ChunkPartials(Parallelism.chunkCount(n, chunkSize), k, d);
    }

    /**
     * Rows per chunk for {@code n} rows, {@code k} centres and {@code d} features: the smallest
     * power of two from {@value #MIN_CHUNK} on that keeps the per-chunk sums within
     * {@value #PARTIAL_BUDGET} doubles (so a multiple of the row-lane step, where that kernel can
     * start). It depends on nothing else, so every block of a data set must be given the whole data
     * set's; and being a power of two, blocks cut at the largest chunk size of a sweep over k start
     * at a multiple of every smaller one.
     */
    public static int chunkSize(int n, int k, int d) {
        long maxChunks = Math.max(1, PARTIAL_BUDGET / ((long) k * d));
        long size = (n + maxChunks - 1) / maxChunks;
        long chunk = MIN_CHUNK;
        while (chunk < size) {
            chunk <<= 1;
        }
        return (int) Math.min(chunk, 1 << 30);
    }

    /**
     * Lloyd's step on rows {@code [start, end)}: each row compared with every centre of
     * {@code centres}; returns how many labels changed. Callers may run disjoint ranges in
     * parallel only when they lie in different chunks.
     */
    public long assign(int start, int end, Centers centres) {
        if (start < 0 || start > end || end > labels.length) {
            throw new IllegalArgumentException("rows [" + start + ", " + end + ") are not within [0, "
                    + labels.length + ")");
        }
        if (centres.k() != k) {
            throw new IllegalArgumentException("the step was made for " + k + " centres, got " + centres.k());
        }
        return assign(start, end, centres, LloydLabeller.PLAIN, true);
    }

    /** The label of row {@code i} after the last pass over it, {@code -1} before any. */
    public int label(int i) {
        return labels[i];
    }

    /** The per-chunk sums, counts and work left by the passes since they were last combined. */
    public ChunkPartials partials() {
        return partials;
    }

    /**
     * The step with a variant's labelling, one chunk at a time: {@code labeller} writes the fresh
     * labels of the chunk's rows, then the changed rows move between the chunk's sums.
     * {@code first} tells it that no bounds exist yet (the run's first pass).
     */
    long assign(int start, int end, Centers centres, Labeller labeller, boolean first) {
        long changed = 0;
        for (int s = start; s < end; ) {
            int chunk = s / chunkSize;
            int e = Math.min(end, (chunk + 1) * chunkSize);
            labeller.label(this, s, e, chunk, centres, first);
            changed += moveChanged(s, e, chunk);
            s = e;
        }
        return changed;
    }

    /** Moves the changed rows of {@code [s, e)} (one chunk) between the chunk's sums, in row order. */
    private long moveChanged(int s, int e, int chunk) {
        float[] x = rows.data();
        int[] labels = this.labels;
        int[] fresh = this.fresh;
        double[] sums = partials.pendingSums[chunk];
        int[] counts = partials.counts[chunk];
        boolean[] touched = partials.touched[chunk];
        long changed = 0;
        for (int i = s; i < e; i++) {
            int now = fresh[i];
            int was = labels[i];
            if (now == was) {
                continue;
            }
            changed++;
            int o = i * d;
            if (was >= 0) {
                counts[was]--;
                touched[was] = true;
                subtractRow(x, o, sums, was * d, d);
            }
            counts[now]++;
            touched[now] = true;
            addRow(x, o, sums, now * d, d);
            labels[i] = now;
        }
        partials.countChanged(chunk, changed);
        return changed;
    }

    /** {@code sums[b .. b+d) += x[o .. o+d)}: the one way a row enters a float64 sum. */
    static void addRow(float[] x, int o, double[] sums, int b, int d) {
        for (int j = 0; j < d; j++) {
            sums[b + j] += x[o + j];
        }
    }

    /** {@code sums[b .. b+d) -= x[o .. o+d)}. */
    static void subtractRow(float[] x, int o, double[] sums, int b, int d) {
        for (int j = 0; j < d; j++) {
            sums[b + j] -= x[o + j];
        }
    }
}
