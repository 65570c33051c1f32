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
}
