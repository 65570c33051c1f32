package org.imageclustering.reporting.metrics;

/**
 * Purity: the fraction of images whose cluster's most common class is their own class,
 * {@code (1/n) sum_k max_c n_ck} (Manning, Raghavan and Schuetze 2008, section 16.3). In
 * {@code (0, 1]}; it rewards many small clusters (K = n gives 1), so compare it at equal K only.
 */
public final class Purity implements ExternalMetric {
    /** Purity needs no options. */
    public Purity() {
    }

    @Override
    public double score(Contingency t) {
        long sum = 0;
        for (int k = 0; k < t.clusterCount(); k++) {
            long best = 0;
            for (int c = 0; c < t.classCount(); c++) {
                best = Math.max(best, t.count(c, k));
            }
            sum += best;
        }
        return (double) sum / t.n();
    }
}
