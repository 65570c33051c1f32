package org.imageclustering.core.kmeans;

/**
 * Gives every empty cluster one row, chosen by an {@link EmptyClusterStrategy}, with
 * scikit-learn's semantics: the row's label is left alone and only the sums and counts move, so
 * the next assignment settles it; the edited sums are restored by the next combination. The row
 * is found by the passes ({@link AssignmentPasses#farthest}), wherever the rows are.
 */
final class EmptyClusterRelocation {
    private final EmptyClusterStrategy strategy;

    EmptyClusterRelocation(EmptyClusterStrategy strategy) {
        this.strategy = strategy;
    }

    /** Relocates the empty clusters of {@code sums} after pass {@code pass}, in index order; returns how many. */
    int relocate(float[] centres, AssignmentPasses passes, ClusterSums sums, int iteration, int pass) {
        long[] counts = sums.counts;
        int k = counts.length;
        double[] totals = sums.totals;
        long[] taken = new long[0];
        int relocated = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            int donor = strategy.donor(counts, c, iteration);
            KMeansBlock.Candidate far = passes.farthest(centres, counts, donor, pass, taken);
            if (far == null) {
                throw new IllegalStateException("cluster " + c + " became empty in iteration " + iteration
                        + " and no other cluster has a row to spare");
            }
            int from = far.label();
            int d = far.values().length;
            sums.saveBeforeEdit(from);
            sums.saveBeforeEdit(c);
            float[] x = far.values();
            for (int j = 0; j < d; j++) {
                totals[from * d + j] -= x[j];
                totals[c * d + j] = x[j];
            }
            counts[from]--;
            counts[c] = 1;
            taken = java.util.Arrays.copyOf(taken, taken.length + 1);
            taken[taken.length - 1] = far.row();
            relocated++;
        }
        return relocated;
    }
}
