package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.AdjustedRandIndex;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.SeedBootstrap;
import org.imageclustering.reporting.stats.Summary;

/**
 * Groups run records by configuration and summarises every metric across seeds, with the best
 * seed by distortion and the stability of the clustering across seeds (mean pairwise ARI of the
 * training labels, read from the runs' label artifacts).
 */
public final class Summaries {
    private static final Logger LOG = LogManager.getLogger(Summaries.class);

    private Summaries() {
    }

    /**
     * One summary per configuration, grouped in the order configurations first appear and sorted
     * by K within a group. {@code artifacts} may be {@code null} (no stability then).
     */
    public static List<ConfigurationSummary> summarize(List<RunRecord> records, RunArtifacts artifacts) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : records) {
            groups.computeIfAbsent(r.configurationKey(), x -> new ArrayList<>()).add(r);
        }
        Map<String, Integer> seriesOrder = new LinkedHashMap<>();
        List<ConfigurationSummary> out = new ArrayList<>();
        for (List<RunRecord> group : groups.values()) {
            ConfigurationSummary s = summarizeOne(group, artifacts);
            seriesOrder.putIfAbsent(s.dataset() + "|" + s.seriesLabel(), seriesOrder.size());
            out.add(s);
        }
        out.sort(Comparator.comparingInt((ConfigurationSummary s) -> seriesOrder.get(s.dataset() + "|" + s.seriesLabel()))
                .thenComparingInt(ConfigurationSummary::k));
        return out;
    }

    /** The metric columns present, as {@code split.metric}, in split then standard-metric order. */
    public static List<String> metricColumns(List<ConfigurationSummary> summaries) {
        Set<String> present = new LinkedHashSet<>();
        for (ConfigurationSummary s : summaries) {
            present.addAll(s.metrics().keySet());
        }
        List<String> splits = new ArrayList<>();
        for (String c : present) {
            String split = c.substring(0, c.indexOf('.'));
            if (!splits.contains(split)) {
                splits.add(split);
            }
        }
        splits.sort(Comparator.comparingInt(Summaries::splitRank));
        List<String> order = new ArrayList<>(Metrics.allNames());
        List<String> out = new ArrayList<>();
        for (String split : splits) {
            List<String> names = new ArrayList<>();
            for (String c : present) {
                if (c.startsWith(split + ".")) {
                    names.add(c.substring(split.length() + 1));
                }
            }
            names.sort(Comparator.comparingInt((String n) -> rank(order, n)).thenComparing(n -> n));
            for (String n : names) {
                out.add(split + "." + n);
            }
        }
        return out;
    }

    private static int splitRank(String split) {
        return switch (split) {
            case "train" -> 0;
            case "test" -> 1;
            default -> 2;
        };
    }

    private static int rank(List<String> order, String name) {
        int i = order.indexOf(name);
        if (i >= 0) {
            return 2 * i;
        }
        // Details such as "silhouette-sample-size" sort right after their metric.
        for (int j = 0; j < order.size(); j++) {
            if (name.startsWith(order.get(j) + "-")) {
                return 2 * j + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static ConfigurationSummary summarizeOne(List<RunRecord> group, RunArtifacts artifacts) {
        RunRecord first = group.get(0);
        List<RunRecord> ok = new ArrayList<>();
        int failed = 0;
        for (RunRecord r : group) {
            if (r.ok()) {
                ok.add(r);
            } else {
                failed++;
            }
        }
        ok.sort(Comparator.comparingInt(RunRecord::seedIndex).thenComparingLong(RunRecord::seed));
        Map<String, List<Double>> values = new TreeMap<>();
        for (RunRecord r : ok) {
            for (Map.Entry<String, Map<String, Double>> split : r.metrics().entrySet()) {
                for (Map.Entry<String, Double> m : split.getValue().entrySet()) {
                    if (Metrics.isDetail(m.getKey())) {
                        continue; // a detail such as silhouette-sample-size: a fact about the run, not a score
                    }
                    values.computeIfAbsent(split.getKey() + "." + m.getKey(), x -> new ArrayList<>())
                            .add(m.getValue() == null ? Double.NaN : m.getValue());
                }
            }
        }
        Map<String, Summary> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            Metrics.Range range = Metrics.range(e.getKey().substring(e.getKey().indexOf('.') + 1));
            metrics.put(e.getKey(), Summary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray())
                    .clippedTo(range.low(), range.high()));
        }
        RunRecord best = null;
        double bestDistortion = Double.POSITIVE_INFINITY;
        for (RunRecord r : ok) {
            Double d = r.metrics().getOrDefault("train", Map.of()).get("distortion");
            if (d != null && d < bestDistortion) {
                bestDistortion = d;
                best = r;
            }
        }
        List<String> runIds = ok.stream().map(RunRecord::runId).toList();
        List<Integer> seedIndices = ok.stream().map(RunRecord::seedIndex).toList();
        return new ConfigurationSummary(first.configurationKey(), first.dataset(), first.transforms(),
                first.algorithm(), first.parameters(), first.k(), ok.size(), failed, metrics,
                best == null ? null : best.seed(), best == null ? null : best.runId(),
                stability(ok, artifacts), runIds, seedIndices);
    }

    /**
     * ARI between the training labels of every pair of seeds: their mean, sd, extremes, and a
     * percentile bootstrap interval over seeds (see {@link SeedBootstrap}) in place of a t interval.
     */
    static Summary stability(List<RunRecord> ok, RunArtifacts artifacts) {
        List<int[]> labels = new ArrayList<>();
        if (artifacts != null) {
            for (RunRecord r : ok) {
                String rel = r.artifacts().get(RunArtifacts.labelsKey("train"));
                if (rel == null) {
                    continue;
                }
                try {
                    labels.add(artifacts.readLabels(rel));
                } catch (RuntimeException e) {
                    LOG.warn("run {}: cannot read its labels for the stability score: {}", r.runId(), e.getMessage());
                }
            }
        }
        return stability(labels);
    }

    /** The stability of the clusterings {@code labels} (one per seed; ones of another length are left out). */
    static Summary stability(List<int[]> labels) {
        int n = labels.isEmpty() ? 0 : labels.get(0).length;
        List<int[]> same = labels.stream().filter(l -> l.length == n).toList();
        int m = same.size();
        double[][] pair = new double[m][m];
        List<Double> aris = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                pair[i][j] = AdjustedRandIndex.between(same.get(i), same.get(j));
                pair[j][i] = pair[i][j];
                aris.add(pair[i][j]);
            }
        }
        double[] interval = SeedBootstrap.interval(pair);
        return Summary.of(aris.stream().mapToDouble(Double::doubleValue).toArray()).withInterval(interval[0], interval[1]);
    }
}
