package org.imageclustering.reporting.metrics;

/**
 * Homogeneity {@code h = MI(C, K) / H(C)} (Rosenberg and Hirschberg 2007): 1 when every cluster
 * holds images of a single class. In {@code [0, 1]}; 1 when the classes have no entropy.
 */
public final class Homogeneity implements ExternalMetric {
    /** Homogeneity needs no options. */
    public Homogeneity() {
    }

    @Override
    public double score(Contingency t) {
        double hc = Information.classEntropy(t);
        return hc == 0 ? 1.0 : Information.mutualInformation(t) / hc;
    }
}
