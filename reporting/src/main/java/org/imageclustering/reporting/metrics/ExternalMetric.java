package org.imageclustering.reporting.metrics;

import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * A metric that compares a clustering with the true classes, through their {@link Contingency}
 * table alone. On a split without labels it is {@code NaN}.
 */
public interface ExternalMetric extends Metric {
    /** The score of the clustering tabulated in {@code table}. */
    double score(Contingency table);

    @Override
    default double score(MetricInput input) {
        if (!input.hasTruth() || input.predicted().length == 0) {
            return Double.NaN;
        }
        return score(Contingency.of(input.truth(), input.predicted()));
    }

    @Override
    default boolean external() {
        return true;
    }
}
