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

    /**
     * Takes the partials out for combining elsewhere (a Spark executor's for the driver): the
     * pending sums of the touched (chunk, cluster) pairs, every chunk's counts and the work
     * counters; leaves this as {@link ClusterSums#combine} would, pending sums cleared.
     */
    public Transfer export() {
        int chunks = chunks();
        int pairs = 0;
        for (boolean[] t : touched) {
            for (boolean b : t) {
                pairs += b ? 1 : 0;
            }
        }
        int[] pairChunk = new int[pairs];
        int[] pairCluster = new int[pairs];
        double[] sums = new double[pairs * d];
        int q = 0;
        for (int ch = 0; ch < chunks; ch++) {
            for (int c = 0; c < k; c++) {
                if (!touched[ch][c]) {
                    continue;
                }
                pairChunk[q] = ch;
                pairCluster[q] = c;
                System.arraycopy(pendingSums[ch], c * d, sums, q * d, d);
                java.util.Arrays.fill(pendingSums[ch], c * d, c * d + d, 0.0);
                touched[ch][c] = false;
                q++;
            }
        }
        int[][] countsCopy = new int[chunks][];
        for (int ch = 0; ch < chunks; ch++) {
            countsCopy[ch] = counts[ch].clone();
        }
        return new Transfer(k, d, pairChunk, pairCluster, sums, countsCopy, takeChanged(), takeDistances(),
                takeExactChecks());
    }

    /**
     * Puts exported partials in place, as the block that exported them left them: this must be
     * as {@link ClusterSums#combine} leaves partials (nothing pending) and have as many chunks.
     */
    public void absorb(Transfer t) {
        if (t.k() != k || t.d() != d || t.counts().length != chunks()) {
            throw new IllegalArgumentException("partials of " + t.counts().length + " chunks for k = " + t.k()
                    + ", d = " + t.d() + " cannot take the place of " + chunks() + " chunks for k = " + k
                    + ", d = " + d);
        }
        for (int q = 0; q < t.pairChunk().length; q++) {
            int ch = t.pairChunk()[q];
            int c = t.pairCluster()[q];
            System.arraycopy(t.sums(), q * d, pendingSums[ch], c * d, d);
            touched[ch][c] = true;
        }
        for (int ch = 0; ch < counts.length; ch++) {
            System.arraycopy(t.counts()[ch], 0, counts[ch], 0, k);
        }
        if (chunks() > 0) { // a block without rows did no work
            changed[0] += t.changed();
            distances[0] += t.distances();
            exactChecks[0] += t.exactChecks();
        }
    }

    /** An empty set of partials for {@code chunks} chunks, {@code k} clusters and {@code d} features (a driver's copy of a block's). */
    public static ChunkPartials empty(int chunks, int k, int d) {
        return new ChunkPartials(chunks, k, d);
    }

    /**
     * Exported partials: the touched (chunk, cluster) pairs with their pending sums
     * ({@code sums[q * d .. q * d + d)} for pair {@code q}), every chunk's counts, and the work.
     */
    public record Transfer(int k, int d, int[] pairChunk, int[] pairCluster, double[] sums, int[][] counts,
                           long changed, long distances, long exactChecks) implements java.io.Serializable {
    }
}
