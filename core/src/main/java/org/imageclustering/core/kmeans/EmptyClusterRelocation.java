package org.imageclustering.core.kmeans;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Gives every empty cluster one row, chosen by an {@link EmptyClusterStrategy}, with
 * scikit-learn's semantics: the row's label is left alone and only the sums and counts move, so
 * the next assignment settles it; the edited sums are restored by the next combination.
 */
final class EmptyClusterRelocation {
    private final FloatMatrix data;
    private final EmptyClusterStrategy strategy;
    private final Parallelism parallel;
    private final int chunkSize;

    EmptyClusterRelocation(FloatMatrix data, EmptyClusterStrategy strategy, Parallelism parallel, int chunkSize) {
        this.data = data;
        this.strategy = strategy;
        this.parallel = parallel;
        this.chunkSize = chunkSize;
    }

    /** Relocates the empty clusters of {@code sums} in index order; returns how many. */
    int relocate(float[] centres, int[] labels, ClusterSums sums, int iteration) {
        long[] counts = sums.counts;
        int k = counts.length;
        int d = data.cols();
        float[] x = data.data();
        double[] dist = null;
        int relocated = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            int donor = strategy.donor(counts, c, iteration);
            if (dist == null) {
                dist = distancesToOwnCentres(centres, labels);
            }
            int far = -1;
            for (int i = 0; i < labels.length; i++) {
                int l = labels[i];
                if (dist[i] < 0 || counts[l] <= 1 || (donor != EmptyClusterStrategy.ANY_CLUSTER && l != donor)) {
                    continue;
                }
                if (far < 0 || dist[i] > dist[far]) {
                    far = i;
                }
            }
            if (far < 0) {
                throw new IllegalStateException("cluster " + c + " became empty in iteration " + iteration
                        + " and no other cluster has a row to spare");
            }
            int from = labels[far];
            sums.saveBeforeEdit(from);
            sums.saveBeforeEdit(c);
            int o = far * d;
            double[] totals = sums.totals;
            for (int j = 0; j < d; j++) {
                totals[from * d + j] -= x[o + j];
                totals[c * d + j] = x[o + j];
            }
            counts[from]--;
            counts[c] = 1;
            dist[far] = -1; // taken
            relocated++;
        }
        return relocated;
    }

    /** The exact distance of every row to the centre it was just assigned to. */
    private double[] distancesToOwnCentres(float[] centres, int[] labels) {
        int d = data.cols();
        float[] x = data.data();
        double[] dist = new double[labels.length];
        parallel.forEach(labels.length, chunkSize, (s, e) -> {
            for (int i = s; i < e; i++) {
                dist[i] = SquaredEuclidean.distance(x, i * d, centres, labels[i] * d, d);
            }
        });
        return dist;
    }
}
