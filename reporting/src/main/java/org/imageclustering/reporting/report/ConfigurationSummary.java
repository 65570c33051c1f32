package org.imageclustering.reporting.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.stats.Summary;

/**
 * Everything known about one configuration (dataset, features, algorithm, parameters, K) across
 * its seeds.
 *
 * @param key          {@link RunRecord#configurationKey()}
 * @param dataset      dataset label
 * @param transforms   feature chain label as runs record it ("" for the pixels given implicitly; shown
 *                     as {@link #DEFAULT_FEATURE_SET}, see {@link #featureSet()})
 * @param algorithm    algorithm block name
 * @param parameters   resolved algorithm parameters
 * @param k            number of clusters
 * @param runs         successful runs summarised
 * @param failed       runs that failed
 * @param metrics      {@code <split>.<metric>} (e.g. {@code train.nmi}) to its statistics over seeds
 * @param bestSeed     seed of the run with the lowest training distortion, or {@code null}
 * @param bestRunId    run id of that run, or {@code null}
 * @param stability    statistics of the ARI between every pair of seeds' training labels
 *                     ({@code n} = pairs; empty when fewer than two label files exist)
 * @param runIds       the successful runs, in seed-index order
 * @param seedIndices  their seed indices, same order
 */
public record ConfigurationSummary(String key, String dataset, String transforms, String algorithm,
                                   Map<String, Object> parameters, int k, int runs, int failed,
                                   Map<String, Summary> metrics, Long bestSeed, String bestRunId,
                                   Summary stability, List<String> runIds, List<Integer> seedIndices) {
    public ConfigurationSummary {
        parameters = parameters == null ? Map.of() : parameters;
        metrics = Map.copyOf(metrics);
        runIds = List.copyOf(runIds);
        seedIndices = List.copyOf(seedIndices);
    }

    /**
     * The name of the feature set of an experiment file without {@code transforms} or
     * {@code feature-sets}: the images' pixels. Every report and the experiment file's defaults
     * use this one name.
     */
    public static final String DEFAULT_FEATURE_SET = "pixels";

    /** The feature set's name as reports show it: the chain label, or {@link #DEFAULT_FEATURE_SET}. */
    public String featureSet() {
        return transforms == null || transforms.isEmpty() ? DEFAULT_FEATURE_SET : transforms;
    }

    /** Parameters as {@code a=1, b=x} in key order, "" when there are none. */
    public String parametersText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The configuration without K: the series a metric-vs-K chart draws as one line. */
    public String seriesLabel() {
        StringBuilder sb = new StringBuilder(algorithm);
        String p = parametersText();
        if (!p.isEmpty()) {
            sb.append(" (").append(p).append(')');
        }
        if (transforms != null && !transforms.isEmpty()) {
            sb.append(" on ").append(transforms);
        }
        return sb.toString();
    }

    /** Statistics of {@code split.metric}, or {@code null} when not measured. */
    public Summary metric(String split, String metric) {
        return metrics.get(split + "." + metric);
    }
}
