package org.imageclustering.core.kmeans;

import java.util.List;
import org.imageclustering.core.matrix.Parallelism;

/**
 * The float64 sum and the count of every cluster's rows, kept up to date by combining the
 * {@link ChunkPartials} of each assignment pass in chunk order; from them come the distortion, the
 * new centres and their moves. Because the partials are the same at any thread count and for
 * every variant, and are added in one fixed order, so are the sums.
 *
 * <p>An empty-cluster relocation edits the sums of two clusters for one update only (the labels
 * settle the rest); the next combination restores the sums it edited before adding the partials.
 */
public final class ClusterSums {
    private final int k;
    private final int d;
    /** {@code totals[c * d + j]}: the sum of feature {@code j} over the rows of cluster {@code c}. */
    final double[] totals;
    final long[] counts;
    /** The totals of the clusters that the last relocation edited, as they were before (see {@link #saved}). */
    private final double[] backup;
    private final boolean[] saved;

    /** Empty sums for {@code k} clusters of {@code d} features. */
    public ClusterSums(int k, int d) {
        this.k = k;
        this.d = d;
        this.totals = new double[k * d];
        this.counts = new long[k];
        this.backup = new double[k * d];
        this.saved = new boolean[k];
    }

    /**
     * Adds the pending changes of {@code partials} (blocks in row order, each's chunks in order)
     * to the sums, only where a chunk has one, and clears them; the counts become the chunks'
     * counts summed. Parallel over clusters: each cluster's additions keep their order.
     */
    public void combine(List<ChunkPartials> partials, Parallelism parallel) {
        for (int c = 0; c < k; c++) {
            if (saved[c]) {
                System.arraycopy(backup, c * d, totals, c * d, d);
                saved[c] = false;
            }
        }
        int blocks = partials.size();
        parallel.forEach(k, 1, (cs, ce) -> {
            for (int c = cs; c < ce; c++) {
                int from = c * d;
                int to = from + d;
                for (int q = 0; q < blocks; q++) {
                    ChunkPartials p = partials.get(q);
                    for (int ch = 0; ch < p.pendingSums.length; ch++) {
                        if (!p.touched[ch][c]) {
                            continue;
                        }
                        double[] pending = p.pendingSums[ch];
                        for (int j = from; j < to; j++) {
                            totals[j] += pending[j];
                        }
                        java.util.Arrays.fill(pending, from, to, 0.0);
                    }
                }
            }
        });
        java.util.Arrays.fill(counts, 0);
        for (int q = 0; q < blocks; q++) {
            ChunkPartials p = partials.get(q);
            for (boolean[] t : p.touched) {
                java.util.Arrays.fill(t, false);
            }
            for (int[] chunkCounts : p.counts) {
                for (int c = 0; c < k; c++) {
                    counts[c] += chunkCounts[c];
                }
            }
        }
    }

    /** The number of rows in cluster {@code c}. */
    public long count(int c) {
        return counts[c];
    }

    /** The sum of feature {@code j} over the rows of cluster {@code c}. */
    public double sum(int c, int j) {
        return totals[c * d + j];
    }

    /**
     * The distortion of the labels these sums describe against {@code centres} (row-major
     * {@code k x d}): {@code sum ||x||^2 - 2 sum_c c.S_c + sum_c n_c ||c||^2}, given
     * {@code totalSquaredNorm = sum ||x||^2} (exact). O(k d), whether or not rows were skipped.
     */
    public double distortion(float[] centres, double totalSquaredNorm) {
        double cross = 0;
        double own = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double dotc = 0;
            double norm = 0;
            int b = c * d;
            for (int j = 0; j < d; j++) {
                dotc += centres[b + j] * totals[b + j];
                norm += (double) centres[b + j] * centres[b + j];
            }
            cross += dotc;
            own += counts[c] * norm;
        }
        return Math.max(0, totalSquaredNorm - 2 * cross + own);
    }

    /**
     * Moves every centre to {@code totals / counts} (or, {@code spherical}, to the unit vector along
     * {@code totals}: see {@link #centre}), rounded to float; returns the total squared shift and
     * writes each centre's shift (not squared, rounded up) into {@code moved}. The shifts are
     * measured after the renormalisation, between the centres the kernel actually sees.
     */
    double updateCentres(float[] centres, double[] moved, boolean spherical) {
        double shift = 0;
        float[] old = new float[d];
        for (int c = 0; c < k; c++) {
            int b = c * d;
            System.arraycopy(centres, b, old, 0, d);
            centre(c, centres, spherical);
            double sq = org.imageclustering.core.distance.SquaredEuclidean.distance(old, 0, centres, b, d);
            moved[c] = Math.sqrt(sq) * (1 + 1e-12);
            shift += sq;
        }
        return shift;
    }

    /**
     * Every centre with rows to the mean of its rows (or, {@code spherical}, the normalised mean),
     * rounded to float as every update is; a centre without rows (only a fit stopped right after a
     * relocation can leave one) keeps its place.
     */
    void moveToMeans(float[] centres, boolean spherical) {
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                centre(c, centres, spherical);
            }
        }
    }

    /**
     * Writes centre {@code c} from its sums: the mean, or for spherical k-means the mean's direction
     * {@code S_c / ||S_c||} (Dhillon and Modha's update: it maximises the summed cosine of the
     * cluster's rows), normalised in double and rounded to float once. A sum of exactly zero (rows
     * that cancel out, as two opposite ones) has no direction: the centre keeps its place.
     */
    private void centre(int c, float[] centres, boolean spherical) {
        int b = c * d;
        if (!spherical) {
            for (int j = 0; j < d; j++) {
                centres[b + j] = (float) (totals[b + j] / counts[c]);
            }
            return;
        }
        double sq = 0;
        for (int j = 0; j < d; j++) {
            sq += totals[b + j] * totals[b + j];
        }
        double norm = Math.sqrt(sq);
        if (norm == 0) {
            return;
        }
        for (int j = 0; j < d; j++) {
            centres[b + j] = (float) (totals[b + j] / norm);
        }
    }

    /** Keeps cluster {@code c}'s sums as they are, for the next {@link #combine} to restore, before a relocation edits them. */
    void saveBeforeEdit(int c) {
        if (!saved[c]) {
            System.arraycopy(totals, c * d, backup, c * d, d);
            saved[c] = true;
        }
    }

    /** The counts as ints (every cluster of one data matrix has fewer than 2^31 rows). */
    int[] sizes() {
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            sizes[c] = (int) counts[c];
        }
        return sizes;
    }
}
