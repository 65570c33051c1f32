package org.imageclustering.core.kmeans;

/**
 * What {@link AssignmentStep} leaves for each fixed chunk of rows: the change of every cluster's
 * float64 sum since the partials were last combined, the chunk's current count per cluster, and
 * the pass's work (labels changed, distances computed, exact tie checks).
 *
 * <p>Sums are kept as changes, made in row order by the rows whose label changed, and marked per
 * (chunk, cluster) where there is one, so that {@link ClusterSums#combine} adds only those: late
 * iterations, where few labels change, read little. Counts are the chunk's absolute counts, so
 * they are simply added. Partials of consecutive blocks of one data set (a Spark partition's, say)
 * combine in chunk order to the same bits as one pass over all rows, whatever ran them.
 */
public final class ChunkPartials {
    final int k;
    final int d;
    /** Per chunk, the change of each cluster's sum since the last combination (zero where not {@link #touched}). */
    final double[][] pendingSums;
    /** Per chunk, the rows it holds per cluster. */
    final int[][] counts;
    /** Per chunk, the clusters whose sums it changed since the last combination. */
    final boolean[][] touched;
    private final long[] changed;
    private final long[] distances;
    private final long[] exactChecks;

    ChunkPartials(int chunks, int k, int d) {
        this.k = k;
        this.d = d;
        this.pendingSums = new double[chunks][k * d];
        this.counts = new int[chunks][k];
        this.touched = new boolean[chunks][k];
        this.changed = new long[chunks];
        this.distances = new long[chunks];
        this.exactChecks = new long[chunks];
    }

    /** The number of chunks. */
    public int chunks() {
        return counts.length;
    }

    /** Records a labelling's work on chunk {@code chunk}: row-centre distances and exact tie checks. */
    void countWork(int chunk, long distanceCount, long exactCount) {
        distances[chunk] += distanceCount;
        exactChecks[chunk] += exactCount;
    }

    /** Records that {@code rows} rows of chunk {@code chunk} changed label. */
    void countChanged(int chunk, long rows) {
        changed[chunk] += rows;
    }

    /** The labels changed since the last call, over all chunks; resets the count. */
    public long takeChanged() {
        return take(changed);
    }

    /** The row-centre distances computed since the last call; resets the count. */
    public long takeDistances() {
        return take(distances);
    }

    /** The exact distances spent on near ties since the last call; resets the count. */
    public long takeExactChecks() {
        return take(exactChecks);
    }

    private static long take(long[] perChunk) {
        long total = 0;
        for (int ch = 0; ch < perChunk.length; ch++) {
            total += perChunk[ch];
            perChunk[ch] = 0;
        }
        return total;
    }
}
