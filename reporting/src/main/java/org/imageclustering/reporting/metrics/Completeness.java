package org.imageclustering.reporting.metrics;

/**
 * Completeness {@code c = MI(C, K) / H(K)} (Rosenberg and Hirschberg 2007): 1 when all images of
 * a class are in one cluster. In {@code [0, 1]}; 1 when the clusters have no entropy.
 */
public final class Completeness implements ExternalMetric {
    /** Completeness needs no options. */
    public Completeness() {
    }

    @Override
    public double score(Contingency t) {
        double hk = Information.clusterEntropy(t);
        return hk == 0 ? 1.0 : Information.mutualInformation(t) / hk;
    }
}
