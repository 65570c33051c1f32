package org.imageclustering.reporting.metrics;

/**
 * V-measure: the weighted harmonic mean {@code (1 + beta) h c / (beta h + c)} of
 * {@link Homogeneity} and {@link Completeness} (Rosenberg and Hirschberg 2007); {@code beta = 1}
 * makes it equal to NMI with the arithmetic mean. In {@code [0, 1]}.
 */
public final class VMeasure implements ExternalMetric {
    private final double beta;

    /** V-measure with {@code beta = 1}. */
    public VMeasure() {
        this(1.0);
    }

    public VMeasure(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive number, was " + beta);
        }
        this.beta = beta;
    }

    @Override
    public double score(Contingency t) {
        double h = new Homogeneity().score(t);
        double c = new Completeness().score(t);
        return h + c == 0 ? 0.0 : (1 + beta) * h * c / (beta * h + c);
    }
}
