package org.imageclustering.reporting;

/**
 * A number that says how good one clustering is. External metrics compare with the true labels
 * (purity, NMI, ARI, ...); internal ones look at geometry only (distortion, silhouette, ...).
 * Registered under a name used in experiment files and reports.
 */
@FunctionalInterface
public interface Metric {
    /**
     * Scores the clustering; {@code Double.NaN} when the metric does not apply (e.g. an external
     * metric on a split without labels).
     */
    double score(MetricInput input);
}
