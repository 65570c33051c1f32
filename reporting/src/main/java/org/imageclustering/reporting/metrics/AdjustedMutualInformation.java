package org.imageclustering.reporting.metrics;

import java.util.Objects;

/**
 * Adjusted mutual information {@code (MI - E[MI]) / (mean(H(C), H(K)) - E[MI])}, mutual
 * information corrected for chance under the hypergeometric model (Vinh, Epps and Bailey 2010,
 * JMLR 11). 1 for identical partitions, about 0 for independent ones, negative when worse than
 * chance. The mean is selectable (arithmetic by default, as scikit-learn).
 */
public final class AdjustedMutualInformation implements ExternalMetric {
    private static final double EPS = Math.ulp(1.0);

    private final Information.Average average;

    /** AMI with the arithmetic mean of the entropies. */
    public AdjustedMutualInformation() {
        this(Information.Average.ARITHMETIC);
    }

    public AdjustedMutualInformation(Information.Average average) {
        this.average = Objects.requireNonNull(average, "average");
    }

    @Override
    public double score(Contingency t) {
        if (t.classCount() == 1 && t.clusterCount() == 1) {
            return 1.0;
        }
        double mi = Information.mutualInformation(t);
        double emi = Information.expectedMutualInformation(t);
        double normalizer = average.of(Information.classEntropy(t), Information.clusterEntropy(t));
        double denominator = normalizer - emi;
        if (normalizer > 0 && Math.abs(denominator) <= 1e-12 * normalizer
                && Math.abs(mi - emi) <= 1e-12 * normalizer) {
            // Every partition with these class and cluster sizes has this MI (e.g. all clusters are
            // single images): 0/0 in exact arithmetic, and scikit-learn's answer then depends on
            // rounding. Agreement is as good as these sizes allow, so say 1.
            return 1.0;
        }
        // The normaliser can fall a rounding error below E[MI] on a perfect match; keep the sign, avoid 0/0.
        denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
        return (mi - emi) / denominator;
    }
}
