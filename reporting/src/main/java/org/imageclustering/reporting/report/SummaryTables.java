package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.Summary;

/**
 * The summary across seeds as text: {@code summary.csv} (long format, full precision, one line per
 * configuration, split and metric), {@code summary.md} (one table per split for people) and the
 * console table printed at the end of a run. Numbers never depend on the default Locale.
 */
public final class SummaryTables {
    /** Header of {@code summary.csv}. */
    public static final String CSV_HEADER = "dataset,transforms,algorithm,parameters,k,split,metric,n,mean,sd,median,"
            + "min,max,ci95_low,ci95_high,runs,failed,best_seed";

    /** Metrics shown on the console for the training split, in this order, when measured. */
    static final List<String> CONSOLE_METRICS = List.of("distortion", "purity", "accuracy", "nmi", "ari", "silhouette");
    /** Metrics shown on the console for other splits (test), to keep the table terminal-wide. */
    static final List<String> CONSOLE_OTHER_SPLIT_METRICS = List.of("purity", "accuracy", "nmi");

    private SummaryTables() {
    }

    /** {@code summary.csv}: stability appears as metric {@code stability} of split {@code train}. */
    public static String csv(List<ConfigurationSummary> summaries) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        List<String> columns = Summaries.metricColumns(summaries);
        for (ConfigurationSummary s : summaries) {
            for (String col : columns) {
                Summary m = s.metrics().get(col);
                if (m != null) {
                    int dot = col.indexOf('.');
                    csvLine(sb, s, col.substring(0, dot), col.substring(dot + 1), m);
                }
            }
            if (s.stability().n() > 0) {
                csvLine(sb, s, "train", "stability", s.stability());
            }
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, ConfigurationSummary s, String split, String metric, Summary m) {
        sb.append(Csv.field(s.dataset())).append(',').append(Csv.field(s.featureSet())).append(',')
                .append(Csv.field(s.algorithm())).append(',').append(Csv.field(s.parametersText())).append(',')
                .append(s.k()).append(',').append(split).append(',').append(metric).append(',').append(m.n())
                .append(',').append(Numbers.exact(m.mean())).append(',').append(Numbers.exact(m.sd()))
                .append(',').append(Numbers.exact(m.median())).append(',').append(Numbers.exact(m.min()))
                .append(',').append(Numbers.exact(m.max())).append(',').append(Numbers.exact(m.ciLow()))
                .append(',').append(Numbers.exact(m.ciHigh())).append(',').append(s.runs()).append(',')
                .append(s.failed()).append(',').append(s.bestSeed() == null ? "" : s.bestSeed().toString())
                .append('\n');
    }

    /** The splits present, in order (train first). */
    static List<String> splits(List<ConfigurationSummary> summaries) {
        List<String> out = new ArrayList<>();
        for (String c : Summaries.metricColumns(summaries)) {
            String split = c.substring(0, c.indexOf('.'));
            if (!out.contains(split)) {
                out.add(split);
            }
        }
        return out;
    }

    /** The metrics measured on {@code split} (no detail columns such as sample sizes), in order. */
    static List<String> metricsOf(List<ConfigurationSummary> summaries, String split) {
        List<String> out = new ArrayList<>();
        for (String c : Summaries.metricColumns(summaries)) {
            if (c.startsWith(split + ".")) {
                String m = c.substring(split.length() + 1);
                if (!Metrics.isDetail(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Table rows: the configuration columns then {@code mean ± sd} of each metric. */
    static List<List<String>> rows(List<ConfigurationSummary> summaries, String split, List<String> metrics,
                                           boolean withStability) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("dataset", "features", "algorithm", "parameters", "K", "runs"));
        header.addAll(metrics);
        if (withStability) {
            header.add("stability (ARI)");
            header.add("best seed");
        }
        rows.add(header);
        for (ConfigurationSummary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.dataset(), s.featureSet(),
                    s.algorithm(), s.parametersText(), Integer.toString(s.k()),
                    s.failed() == 0 ? Integer.toString(s.runs()) : s.runs() + " (+" + s.failed() + " failed)"));
            for (String m : metrics) {
                Summary v = s.metric(split, m);
                row.add(v == null || v.n() == 0 ? "n/a" : Numbers.meanSd(v.mean(), v.sd()));
            }
            if (withStability) {
                row.add(s.stability().n() == 0 ? "n/a" : Numbers.short4(s.stability().mean()));
                row.add(s.bestSeed() == null ? "n/a" : s.bestSeed().toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code summary.md}: one table per split, {@code mean ± sd} across seeds. */
    public static String markdown(String title, List<ConfigurationSummary> summaries) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("Mean ± sample standard deviation across seeds. Stability is the mean adjusted Rand index "
                + "between the training clusterings of every pair of seeds; the best seed has the lowest "
                + "training distortion. Full statistics (median, min, max, 95% CI) are in summary.csv.\n");
        for (String split : splits(summaries)) {
            sb.append("\n## ").append(split).append("\n\n");
            List<List<String>> rows = rows(summaries, split, metricsOf(summaries, split), split.equals("train"));
            for (int r = 0; r < rows.size(); r++) {
                sb.append('|');
                for (String cell : rows.get(r)) {
                    sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
                }
                sb.append('\n');
                if (r == 0) {
                    sb.append('|');
                    for (int c = 0; c < rows.get(0).size(); c++) {
                        sb.append(c >= 4 ? "---:|" : "---|");
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The console table: a few headline metrics per split, aligned in columns. */
    public static String console(List<ConfigurationSummary> summaries) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (String split : splits(summaries)) {
            List<String> present = metricsOf(summaries, split);
            List<String> pick = new ArrayList<>();
            for (String m : split.equals("train") ? CONSOLE_METRICS : CONSOLE_OTHER_SPLIT_METRICS) {
                if (present.contains(m)) {
                    pick.add(m);
                }
            }
            shown.put(split, pick);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("dataset", "features", "algorithm", "K", "runs"));
        for (Map.Entry<String, List<String>> e : shown.entrySet()) {
            for (String m : e.getValue()) {
                header.add(e.getKey() + " " + m);
            }
        }
        rows.add(header);
        for (ConfigurationSummary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.dataset(), s.featureSet(),
                    s.seriesLabel().replace(" on " + s.transforms(), ""), Integer.toString(s.k()),
                    s.failed() == 0 ? Integer.toString(s.runs()) : s.runs() + "+" + s.failed() + "F"));
            for (Map.Entry<String, List<String>> e : shown.entrySet()) {
                for (String m : e.getValue()) {
                    Summary v = s.metric(e.getKey(), m);
                    row.add(v == null || v.n() == 0 ? "n/a" : Numbers.meanSd(v.mean(), v.sd()));
                }
            }
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean right = c >= 3;
                String pad = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
            }
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }
}
