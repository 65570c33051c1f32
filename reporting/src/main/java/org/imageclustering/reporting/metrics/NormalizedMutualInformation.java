package org.imageclustering.reporting.metrics;

import java.util.Objects;

/**
 * Normalised mutual information {@code MI(C, K) / mean(H(C), H(K))} (Strehl and Ghosh 2002;
 * the mean is selectable, arithmetic by default as in scikit-learn). In {@code [0, 1]}; 1 when both
 * labellings are a single part (nothing to disagree on), 0 when MI is 0.
 */
public final class NormalizedMutualInformation implements ExternalMetric {
    private final Information.Average average;

    /** NMI with the arithmetic mean of the entropies. */
    public NormalizedMutualInformation() {
        this(Information.Average.ARITHMETIC);
    }

    public NormalizedMutualInformation(Information.Average average) {
        this.average = Objects.requireNonNull(average, "average");
    }

    @Override
    public double score(Contingency t) {
        if (t.classCount() == 1 && t.clusterCount() == 1) {
            return 1.0;
        }
        double mi = Information.mutualInformation(t);
        if (mi == 0) {
            return 0.0;
        }
        return mi / average.of(Information.classEntropy(t), Information.clusterEntropy(t));
    }

    /** NMI with the geometric mean of the entropies, for experiment files ({@code nmi-geometric}). */
    public static final class Geometric implements ExternalMetric {
        private final NormalizedMutualInformation delegate = new NormalizedMutualInformation(Information.Average.GEOMETRIC);

        /** The geometric variant needs no options. */
        public Geometric() {
        }

        @Override
        public double score(Contingency t) {
            return delegate.score(t);
        }
    }

    /** NMI with the min mean of the entropies, for experiment files ({@code nmi-min}). */
    public static final class Min implements ExternalMetric {
        private final NormalizedMutualInformation delegate = new NormalizedMutualInformation(Information.Average.MIN);

        /** The min variant needs no options. */
        public Min() {
        }

        @Override
        public double score(Contingency t) {
            return delegate.score(t);
        }
    }

    /** NMI with the max mean of the entropies, for experiment files ({@code nmi-max}). */
    public static final class Max implements ExternalMetric {
        private final NormalizedMutualInformation delegate = new NormalizedMutualInformation(Information.Average.MAX);

        /** The max variant needs no options. */
        public Max() {
        }

        @Override
        public double score(Contingency t) {
            return delegate.score(t);
        }
    }
}
