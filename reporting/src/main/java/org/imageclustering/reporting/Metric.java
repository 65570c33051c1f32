package org.imageclustering.reporting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A number that says how good one clustering is. External metrics compare with the true labels
 * (purity, NMI, ARI, ...; they implement {@code ExternalMetric} in {@code reporting.metrics});
 * internal ones look at geometry only (distortion, silhouette, ...). Registered under a name used
 * in experiment files and reports (see {@code reporting.metrics.Metrics}).
 */
@FunctionalInterface
public interface Metric {
    /**
     * Scores the clustering; {@code Double.NaN} when the metric does not apply (e.g. an external
     * metric on a split without labels).
     */
    double score(MetricInput input);

    /** Whether the metric needs true labels; {@code false} for geometry-only metrics. */
    default boolean external() {
        return false;
    }

    /**
     * The score under {@code name} plus any facts a reader needs to trust it (silhouette adds the
     * sample size it used as {@code name + "-sample-size"}), in a stable order. A fact is named
     * {@code name + Metrics.DETAIL_SUFFIX} (or {@code name + Metrics.SE_SUFFIX} for a standard
     * error, as the gap statistic's), so that summaries record it but do not summarise it as a
     * score (see {@code Metrics.isDetail}).
     */
    default Map<String, Double> scoreWithDetails(String name, MetricInput input) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(name, score(input));
        return out;
    }
}
