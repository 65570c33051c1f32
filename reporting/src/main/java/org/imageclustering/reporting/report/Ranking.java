package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.Summary;

/**
 * The configurations of one dataset and K ordered by the mean across seeds of one metric, best
 * first: the report's "best configuration" line. The metric is the first of
 * {@link #RANKING_METRICS} measured, all of them label-based, so configurations on different
 * feature sets rank on one scale (distortion would not: see {@link Metrics#dependsOnFeatureSpace}).
 *
 * @param dataset  dataset label
 * @param k        number of clusters
 * @param column   {@code split.metric} ranked by
 * @param order    the configurations with a value, best first (ties keep report order)
 */
record Ranking(String dataset, int k, String column, List<ConfigurationSummary> order) {
    /** Metrics a ranking may use, in order of preference. */
    static final List<String> RANKING_METRICS = List.of("train.accuracy", "train.nmi", "train.ari");

    Ranking {
        order = List.copyOf(order);
    }

    /** One ranking per dataset and K with at least two configurations measured on a ranking metric. */
    static List<Ranking> of(List<ConfigurationSummary> summaries) {
        Map<String, List<ConfigurationSummary>> groups = new LinkedHashMap<>();
        for (ConfigurationSummary s : summaries) {
            groups.computeIfAbsent(s.dataset() + "|" + s.k(), x -> new ArrayList<>()).add(s);
        }
        List<Ranking> out = new ArrayList<>();
        for (List<ConfigurationSummary> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            for (String column : RANKING_METRICS) {
                List<ConfigurationSummary> measured = group.stream().filter(s -> mean(s, column) != null).toList();
                if (measured.size() < 2) {
                    continue;
                }
                String metric = column.substring(column.indexOf('.') + 1);
                Comparator<ConfigurationSummary> byMean = Comparator.comparingDouble(s -> mean(s, column));
                List<ConfigurationSummary> order = new ArrayList<>(measured);
                order.sort(Metrics.lowerIsBetter(metric) ? byMean : byMean.reversed());
                out.add(new Ranking(group.get(0).dataset(), group.get(0).k(), column, order));
                break;
            }
        }
        return out;
    }

    private static Double mean(ConfigurationSummary s, String column) {
        Summary m = s.metrics().get(column);
        return m == null || m.n() == 0 ? null : m.mean();
    }

    /** The configuration ranked first. */
    ConfigurationSummary best() {
        return order.get(0);
    }

    /** The ranking as one line for people: "blobs, K=3, by train accuracy: best A (0.98 ± 0.01), then B (...)". */
    String text() {
        StringBuilder sb = new StringBuilder(dataset).append(", K=").append(k).append(", by ")
                .append(column.replace('.', ' ')).append(": best ");
        for (int i = 0; i < order.size(); i++) {
            ConfigurationSummary s = order.get(i);
            Summary m = s.metrics().get(column);
            sb.append(i == 0 ? "" : i == 1 ? ", then " : ", ").append(label(s)).append(" (")
                    .append(Numbers.meanSd(m.mean(), m.sd())).append(')');
        }
        return sb.toString();
    }

    private static String label(ConfigurationSummary s) {
        String p = s.parametersText();
        return s.algorithm() + (p.isEmpty() ? "" : " (" + p + ")") + " on " + s.featureSet();
    }
}
