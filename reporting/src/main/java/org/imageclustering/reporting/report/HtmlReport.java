package org.imageclustering.reporting.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.reporting.AtomicFiles;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.SeedBootstrap;
import org.imageclustering.reporting.stats.Summary;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts, pictures as
 * base64 PNG; nothing fetched from the network) with the summary, metric-vs-K charts with 95%
 * confidence bands, every seed's convergence trace, contingency heatmaps, centroid mosaics,
 * per-cluster montages, paired comparisons and the provenance. Every chart and picture is also
 * saved under {@code images/} for use elsewhere.
 */
final class HtmlReport {
    /** Beyond this many configurations, per-configuration sections show the first ones only. */
    static final int MAX_PER_CONFIGURATION = 60;

    private final String title;
    private final List<ConfigurationSummary> summaries;
    private final List<RunRecord> records;
    private final RunArtifacts artifacts;
    private final JsonNode manifest;
    private final List<PairedComparisons.Row> paired;
    private final Path imagesDir;
    private final Map<String, RunRecord> byId = new LinkedHashMap<>();

    HtmlReport(String title, List<ConfigurationSummary> summaries, List<RunRecord> records, RunArtifacts artifacts,
               JsonNode manifest, List<PairedComparisons.Row> paired, Path imagesDir) {
        this.title = title;
        this.summaries = summaries;
        this.records = records;
        this.artifacts = artifacts;
        this.manifest = manifest;
        this.paired = paired;
        this.imagesDir = imagesDir;
        for (RunRecord r : records) {
            byId.put(r.runId(), r);
        }
    }

    String render() {
        StringBuilder body = new StringBuilder();
        long ok = records.stream().filter(RunRecord::ok).count();
        body.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"lead\">").append(ok).append(" successful runs")
                .append(records.size() > ok ? ", " + (records.size() - ok) + " failed" : "").append(", ")
                .append(summaries.size()).append(" configurations. Rebuilt from <code>runs.jsonl</code> and the run "
                        + "artifacts; numbers are mean ± sample standard deviation across seeds.</p>\n");
        body.append("<nav>").append(link("summary", "Summary")).append(link("elbow", "Metric vs K"))
                .append(link("choosing-k", "Choosing K"))
                .append(link("convergence", "Convergence")).append(link("contingency", "Contingency"))
                .append(link("centroids", "Centroids")).append(link("montages", "Nearest images"))
                .append(link("paired", "Paired comparisons")).append(link("provenance", "Provenance")).append("</nav>\n");
        summarySection(body);
        elbowSection(body);
        choosingKSection(body);
        convergenceSection(body);
        contingencySection(body);
        pictureSection(body, "centroids", "Centroids", "Centroids of the best seed (lowest training distortion), "
                + "drawn in pixel space (through the inverse transform when features were transformed; cluster means "
                + "of the images when the transform has no inverse).", RunArtifacts.CENTROID_MOSAIC,
                RunArtifacts.MEAN_MOSAIC, "centroids");
        pictureSection(body, "montages", "Nearest images", "For each cluster of the best seed (one line per cluster, "
                + "in cluster order): its centroid (as in the mosaic above), then the training images nearest to it.", RunArtifacts.CLUSTER_MONTAGE, null,
                "montage");
        pairedSection(body);
        failedSection(body);
        provenanceSection(body);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + VIEWPORT + "\n<title>" + esc(title)
                + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    /** Lets a phone lay the page out at its own width instead of a zoomed-out desktop page. */
    static final String VIEWPORT = "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";

    /**
     * Inline style. Charts (inline SVG with a viewBox) and pictures shrink to the width available
     * and keep their proportions; wide tables scroll sideways inside their own box; on a narrow
     * screen (a phone, 400 px) margins and type shrink.
     */
    static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1400px;color:#222;padding:0 16px}
            h1{margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:36px}
            .lead{color:#555}nav a{margin-right:14px;display:inline-block}
            p,li{overflow-wrap:anywhere}.note{font-size:13px;color:#444}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}
            th{background:#f4f6f8}td.l,th.l{text-align:left}
            .grid{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}.card{border:1px solid #e4e4e4;padding:6px;border-radius:4px;max-width:100%;box-sizing:border-box}
            .card p{margin:2px 0 6px;font-size:12px;color:#444}.scroll{overflow-x:auto;max-width:100%}
            svg{max-width:100%;height:auto}
            img.pix{image-rendering:pixelated;display:block;max-width:100%;height:auto}
            code{background:#f4f4f4;padding:0 3px}
            table.kv td{white-space:normal;overflow-wrap:anywhere;min-width:12em}
            @media (max-width:600px){body{margin:8px auto;padding:0 8px}h1{font-size:22px}h2{font-size:18px;margin-top:24px}
            .grid{gap:8px}.card{padding:3px}table{font-size:12px}th,td{padding:2px 4px}
            table.kv th{white-space:normal;overflow-wrap:anywhere}}
            """;

    private static String link(String id, String text) {
        return "<a href=\"#" + id + "\">" + text + "</a>";
    }

    private static String esc(String s) {
        return Svg.esc(s);
    }

    private void summarySection(StringBuilder b) {
        b.append("<h2 id=\"summary\">Summary</h2>\n");
        if (summaries.isEmpty()) {
            b.append("<p>No successful runs yet.</p>\n");
            return;
        }
        for (String split : SummaryTables.splits(summaries)) {
            b.append("<h3>").append(esc(split)).append("</h3>\n<div class=\"scroll\"><table>\n");
            List<List<String>> rows = SummaryTables.rows(summaries, split, SummaryTables.metricsOf(summaries, split),
                    split.equals("train"));
            for (int r = 0; r < rows.size(); r++) {
                b.append("<tr>");
                List<String> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    String tag = r == 0 ? "th" : "td";
                    b.append('<').append(tag).append(c < 4 ? " class=\"l\"" : "").append('>').append(esc(row.get(c)))
                            .append("</").append(tag).append('>');
                }
                b.append("</tr>\n");
            }
            b.append("</table></div>\n");
        }
        List<Ranking> rankings = Ranking.of(summaries);
        if (!rankings.isEmpty()) {
            b.append("<h3>Ranking</h3>\n<ul class=\"ranking\">\n");
            for (Ranking r : rankings) {
                b.append("<li>").append(esc(r.text())).append("</li>\n");
            }
            b.append("</ul>\n<p>Means across seeds, best first. Whether a gap is more than seed-to-seed noise is for "
                    + "the <a href=\"#paired\">paired comparisons</a> to say.</p>\n");
        }
        b.append("<p>Stability: mean adjusted Rand index between the training clusterings of every pair of seeds "
                + "(1 = every seed finds the same partition). Its 95% interval is a percentile bootstrap over seeds ("
                + SeedBootstrap.RESAMPLES + " resamples of the seeds with a fixed random seed, each the mean ARI over "
                + "its pairs of distinct seeds; none below " + SeedBootstrap.MIN_SEEDS + " seeds), not a t interval: "
                + "the pairs share seeds, so they are not independent. Median, min, max and 95% confidence intervals "
                + "of every metric are in <code>summary.csv</code>; every interval is cut to the range its metric "
                + "can take (ARI [−0.5, 1], purity, accuracy, NMI [0, 1], distortion ≥ 0, ...).</p>\n");
    }

    private void elbowSection(StringBuilder b) {
        b.append("<h2 id=\"elbow\">Metric vs K</h2>\n<p>Mean across seeds (line and dots), each seed's value "
                + "(open circles); the band is the 95% Student-t confidence interval of the mean, cut to the "
                + "metric's range (for stability, the bootstrap interval over seeds).</p>\n");
        Map<String, List<ConfigurationSummary>> series = new LinkedHashMap<>();
        for (ConfigurationSummary s : summaries) {
            series.computeIfAbsent(s.dataset() + ": " + s.seriesLabel(), x -> new ArrayList<>()).add(s);
        }
        b.append("<div class=\"grid\">\n");
        for (String split : SummaryTables.splits(summaries)) {
            for (String metric : SummaryTables.metricsOf(summaries, split)) {
                List<Svg.Series> lines = new ArrayList<>();
                for (Map.Entry<String, List<ConfigurationSummary>> e : series.entrySet()) {
                    List<ConfigurationSummary> pts = e.getValue();
                    double[] x = new double[pts.size()];
                    double[] y = new double[pts.size()];
                    double[] lo = new double[pts.size()];
                    double[] hi = new double[pts.size()];
                    double[][] seeds = new double[pts.size()][];
                    for (int i = 0; i < pts.size(); i++) {
                        Summary m = pts.get(i).metric(split, metric);
                        x[i] = pts.get(i).k();
                        y[i] = m == null ? Double.NaN : m.mean();
                        lo[i] = m == null ? Double.NaN : m.ciLow();
                        hi[i] = m == null ? Double.NaN : m.ciHigh();
                        seeds[i] = perSeed(pts.get(i), split, metric);
                    }
                    lines.add(new Svg.Series(e.getKey(), x, y, lo, hi, seeds));
                }
                String svg = Svg.lineChart(split + " " + metric, "K", metric
                        + (Metrics.lowerIsBetter(metric) ? " (lower is better)" : ""), lines, 420, 290, true, true);
                saveImage("elbow-" + split + "-" + metric + ".svg", svg);
                b.append("<div class=\"card\">").append(svg).append("</div>\n");
            }
        }
        List<Svg.Series> stability = new ArrayList<>();
        for (Map.Entry<String, List<ConfigurationSummary>> e : series.entrySet()) {
            List<ConfigurationSummary> pts = e.getValue();
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            double[] lo = new double[pts.size()];
            double[] hi = new double[pts.size()];
            boolean any = false;
            for (int i = 0; i < pts.size(); i++) {
                Summary m = pts.get(i).stability();
                x[i] = pts.get(i).k();
                y[i] = m.mean();
                lo[i] = m.ciLow();
                hi[i] = m.ciHigh();
                any |= m.n() > 0;
            }
            if (any) {
                stability.add(new Svg.Series(e.getKey(), x, y, lo, hi));
            }
        }
        if (!stability.isEmpty()) {
            String svg = Svg.lineChart("stability across seeds", "K", "mean pairwise ARI of training labels",
                    stability, 420, 290, true, true);
            saveImage("elbow-train-stability.svg", svg);
            b.append("<div class=\"card\">").append(svg).append("</div>\n");
        }
        b.append("</div>\n");
    }

    private void choosingKSection(StringBuilder b) {
        b.append("<h2 id=\"choosing-k\">Choosing K</h2>\n");
        List<ChoosingK> sweeps = ChoosingK.of(summaries, records);
        if (sweeps.isEmpty()) {
            b.append("<p>No K sweep: no configuration was run at two K values or more.</p>\n");
            return;
        }
        b.append("<p>For every K sweep (one dataset, feature set, algorithm and parameters at several K), the K "
                + "each criterion picks on the training split, or why it cannot pick. Knee: the K whose mean "
                + "distortion lies farthest below the straight line from the first to the last K, both scaled to "
                + "[0, 1] (Kneedle's difference curve). Silhouette, Calinski-Harabasz: highest mean; "
                + "Davies-Bouldin: lowest. Gap statistic (Tibshirani, Walther and Hastie 2001): per seed, the "
                + "smallest K whose gap is at least the next K's minus its s; the pick is the K most seeds pick. "
                + "Stability: highest mean pairwise ARI between seeds, which tends to favour small K. Criteria "
                + "often disagree; where they agree the choice is easier to defend. Bands: mean ± sd across seeds "
                + "(stability: its bootstrap interval).</p>\n");
        for (ChoosingK c : sweeps) {
            b.append("<h3>").append(esc(c.title() + " (K = " + ChoosingK.ksText(c.ks()) + ")"))
                    .append("</h3>\n<div class=\"scroll\"><table class=\"kv\">\n<tr><th class=\"l\">criterion</th>"
                            + "<th class=\"l\">rule</th><th class=\"l\">picks</th></tr>\n");
            for (ChoosingK.Criterion cr : c.criteria()) {
                b.append("<tr><td class=\"l\">").append(esc(cr.name())).append("</td><td class=\"l\">")
                        .append(esc(cr.rule())).append("</td><td class=\"l\">").append(esc(cr.verdict()))
                        .append("</td></tr>\n");
            }
            b.append("</table></div>\n<div class=\"grid\">\n");
            for (ChoosingK.Criterion cr : c.criteria()) {
                double[][] curve = cr.curve();
                List<Svg.Series> lines = new ArrayList<>();
                lines.add(new Svg.Series(cr.name(), curve[0], curve[1], curve[2], curve[3]));
                if (cr.pick() != null) {
                    int i = c.ks().indexOf(cr.pick());
                    lines.add(new Svg.Series("picks K = " + cr.pick(), new double[] {cr.pick()},
                            new double[] {curve[1][i]}, null, null));
                }
                String svg = Svg.lineChart(cr.name(), "K", cr.columns().get(0), lines, 300, 210, true, true);
                saveImage("choosing-k-" + slug(c.first()) + "-" + cr.name().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-") + ".svg", svg);
                b.append("<div class=\"card\">").append(svg).append("<div class=\"scroll\"><table>\n<tr><th>K</th>");
                for (String col : cr.columns()) {
                    b.append("<th>").append(esc(col)).append("</th>");
                }
                b.append("</tr>\n");
                for (List<String> row : cr.rows()) {
                    b.append("<tr>");
                    for (String cell : row) {
                        b.append("<td>").append(esc(cell)).append("</td>");
                    }
                    b.append("</tr>\n");
                }
                b.append("</table></div></div>\n");
            }
            b.append("</div>\n");
        }
    }

    /** Each seed's value of {@code split.metric} in configuration {@code s}, in seed order. */
    private double[] perSeed(ConfigurationSummary s, String split, String metric) {
        return s.runIds().stream().map(byId::get).mapToDouble(r -> {
            Double v = r.metrics().getOrDefault(split, Map.of()).get(metric);
            return v == null ? Double.NaN : v;
        }).toArray();
    }

    private void convergenceSection(StringBuilder b) {
        b.append("<h2 id=\"convergence\">Convergence</h2>\n<p>Training distortion after each iteration of the kept "
                + "fit, one line per seed. For spectral clustering the trace is that of k-means on the spectral "
                + "embedding, so its values are distortions in the embedding, not in the feature space of the "
                + "<code>distortion</code> metric; the charts say so.</p>\n<div class=\"grid\">\n");
        int shown = 0;
        for (ConfigurationSummary s : summaries) {
            if (shown++ >= MAX_PER_CONFIGURATION) {
                b.append("<p>").append(summaries.size() - MAX_PER_CONFIGURATION)
                        .append(" more configurations not drawn.</p>\n");
                break;
            }
            List<Svg.Series> lines = new ArrayList<>();
            boolean inEmbedding = false;
            for (int i = 0; i < s.runIds().size(); i++) {
                RunRecord r = byId.get(s.runIds().get(i));
                List<IterationTrace> t = r.trace();
                if (t.isEmpty()) {
                    continue;
                }
                inEmbedding |= traceInEmbedding(r);
                double[] x = new double[t.size()];
                double[] y = new double[t.size()];
                for (int j = 0; j < t.size(); j++) {
                    x[j] = t.get(j).iteration();
                    y[j] = t.get(j).distortion();
                }
                lines.add(new Svg.Series(seedName(r) + " (" + r.stopReason() + ", " + r.iterations() + " it.)",
                        x, y, null, null));
            }
            if (lines.isEmpty()) {
                continue;
            }
            String svg = Svg.lineChart("K=" + s.k() + " · " + s.dataset() + ": " + s.seriesLabel(), "iteration",
                    inEmbedding ? "distortion in the spectral embedding" : "distortion", lines, 420, 260,
                    lines.size() <= 10, true);
            saveImage("convergence-" + slug(s) + ".svg", svg);
            b.append("<div class=\"card\">").append(svg).append("</div>\n");
        }
        b.append("</div>\n");
    }

    private void contingencySection(StringBuilder b) {
        b.append("<h2 id=\"contingency\">Contingency</h2>\n<p>True class (rows) against cluster (columns) for the "
                + "best seed on the training split; shading is the share of the class in each cluster. Clusters are "
                + "ordered by the class they are matched to (the Hungarian matching of matched accuracy), so a good "
                + "clustering shows a dark diagonal; column labels are the cluster numbers.</p>\n"
                + "<div class=\"grid\">\n");
        int shown = 0;
        boolean any = false;
        for (ConfigurationSummary s : summaries) {
            RunRecord best = s.bestRunId() == null ? null : byId.get(s.bestRunId());
            String rel = best == null ? null : best.artifacts().get(RunArtifacts.contingencyKey("train"));
            if (rel == null || !Files.exists(artifacts.resolve(rel))) {
                continue;
            }
            if (shown++ >= MAX_PER_CONFIGURATION) {
                break;
            }
            any = true;
            RunArtifacts.Table t = artifacts.readContingency(rel);
            int[] order = columnOrder(t.counts());
            List<String> cols = new ArrayList<>();
            long[][] counts = new long[t.counts().length][order.length];
            for (int j = 0; j < order.length; j++) {
                cols.add(Integer.toString(order[j]));
                for (int r = 0; r < counts.length; r++) {
                    counts[r][j] = t.counts()[r][order[j]];
                }
            }
            String svg = Svg.heatmap(s.dataset() + ": " + s.seriesLabel() + ", K=" + s.k() + " (" + seedName(best) + ")",
                    t.classNames(), cols, counts);
            saveImage("contingency-" + slug(s) + ".svg", svg);
            b.append("<div class=\"card scroll\">").append(svg).append("</div>\n");
        }
        if (!any) {
            b.append("<p>No contingency tables (the dataset has no labels, or runs kept none).</p>\n");
        }
        b.append("</div>\n");
    }

    /**
     * Cluster columns ordered by their matched class (rows), unmatched clusters last in cluster
     * order, so agreement shows as a diagonal.
     */
    static int[] columnOrder(long[][] counts) {
        int classes = counts.length;
        int k = classes == 0 ? 0 : counts[0].length;
        double[][] cost = new double[k][classes];
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < classes; r++) {
                cost[c][r] = -counts[r][c];
            }
        }
        int[] match = k == 0 || classes == 0 ? new int[k] : org.imageclustering.reporting.metrics.Hungarian
                .minimumCostAssignment(cost);
        Integer[] cols = new Integer[k];
        for (int c = 0; c < k; c++) {
            cols[c] = c;
        }
        java.util.Arrays.sort(cols, java.util.Comparator.comparingInt((Integer c) -> match[c] < 0 ? Integer.MAX_VALUE
                : match[c]).thenComparingInt(c -> c));
        int[] out = new int[k];
        for (int c = 0; c < k; c++) {
            out[c] = cols[c];
        }
        return out;
    }

    private void pictureSection(StringBuilder b, String id, String heading, String intro, String key, String altKey,
                                String suffix) {
        b.append("<h2 id=\"").append(id).append("\">").append(heading).append("</h2>\n<p>").append(intro)
                .append("</p>\n<div class=\"grid\">\n");
        int shown = 0;
        boolean any = false;
        for (ConfigurationSummary s : summaries) {
            RunRecord best = s.bestRunId() == null ? null : byId.get(s.bestRunId());
            if (best == null) {
                continue;
            }
            String rel = best.artifacts().get(key);
            String note = "";
            if (rel == null && altKey != null) {
                rel = best.artifacts().get(altKey);
                note = " (cluster means of the images)";
            }
            if (rel == null || !Files.exists(artifacts.resolve(rel))) {
                continue;
            }
            if (shown++ >= MAX_PER_CONFIGURATION) {
                break;
            }
            any = true;
            byte[] png;
            try {
                png = Files.readAllBytes(artifacts.resolve(rel));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + artifacts.resolve(rel), e);
            }
            String name = slug(s) + "-" + suffix + ".png";
            AtomicFiles.write(imagesDir.resolve(name), png);
            b.append("<div class=\"card\"><p>").append(esc(s.dataset() + ": " + s.seriesLabel() + ", K=" + s.k()
                    + ", " + seedName(best) + note)).append("</p><img class=\"pix\" alt=\"").append(esc(heading + " "
                    + s.seriesLabel() + " K=" + s.k())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"></div>\n");
        }
        if (!any) {
            b.append("<p>No pictures (the dataset has no image shape, or runs kept none).</p>\n");
        }
        b.append("</div>\n");
    }

    private void pairedSection(StringBuilder b) {
        b.append("<h2 id=\"paired\">Paired comparisons</h2>\n");
        if (paired.isEmpty()) {
            b.append("<p>No two configurations share a dataset and K.</p>\n");
            return;
        }
        b.append("<p>Configurations with the same dataset and K compared on matched seeds: mean difference A − B, "
                + "win/tie/loss from A's side (respecting whether lower is better), p-values with Holm's "
                + "correction.</p>\n<p class=\"note\">").append(esc(PairedComparisons.methodsText(paired)))
                .append("</p>\n<div class=\"scroll\"><table>\n<tr><th class=\"l\">dataset</th><th>K</th>"
                + "<th class=\"l\">A</th><th class=\"l\">B</th><th class=\"l\">metric</th><th>pairs</th>"
                + "<th>mean A−B</th><th>win/tie/loss</th><th>t-test p</th><th>Holm</th><th>Wilcoxon p</th><th>Holm</th>"
                + "<th class=\"l\">note</th></tr>\n");
        for (PairedComparisons.Row r : paired) {
            var c = r.result();
            b.append("<tr><td class=\"l\">").append(esc(r.dataset())).append("</td><td>").append(r.k())
                    .append("</td><td class=\"l\">").append(esc(r.a())).append("</td><td class=\"l\">").append(esc(r.b()))
                    .append("</td><td class=\"l\">").append(esc(r.split() + " " + r.metric())).append("</td><td>")
                    .append(c.n()).append("</td><td>").append(Numbers.short4(c.meanDifference())).append("</td><td>")
                    .append(c.wins()).append('/').append(c.ties()).append('/').append(c.losses()).append("</td><td>")
                    .append(PairedComparisons.p(c.tTestP())).append("</td><td>").append(PairedComparisons.p(r.holmT()))
                    .append("</td><td>").append(PairedComparisons.p(c.wilcoxonP())).append("</td><td>")
                    .append(PairedComparisons.p(r.holmWilcoxon())).append("</td><td class=\"l\">")
                    .append(esc(PairedComparisons.note(c))).append("</td></tr>\n");
        }
        b.append("</table></div>\n");
    }

    private void failedSection(StringBuilder b) {
        List<RunRecord> failed = records.stream().filter(r -> !r.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"failed\">Failed runs</h2>\n<div class=\"scroll\"><table>\n<tr><th class=\"l\">run</th><th class=\"l\">configuration"
                + "</th><th>seed</th><th class=\"l\">error</th></tr>\n");
        for (RunRecord r : failed) {
            b.append("<tr><td class=\"l\">").append(esc(r.runId())).append("</td><td class=\"l\">")
                    .append(esc(r.configurationKey())).append("</td><td>").append(r.seed()).append("</td><td class=\"l\">")
                    .append(esc(r.error())).append("</td></tr>\n");
        }
        b.append("</table></div>\n");
    }

    private void provenanceSection(StringBuilder b) {
        b.append("<h2 id=\"provenance\">Provenance</h2>\n");
        if (manifest == null) {
            b.append("<p>No <code>manifest.json</code> in the results folder.</p>\n");
            return;
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", manifest, flat);
        b.append("<div class=\"scroll\"><table class=\"kv\">\n");
        for (Map.Entry<String, String> e : flat.entrySet()) {
            b.append("<tr><th class=\"l\">").append(esc(e.getKey())).append("</th><td class=\"l\">")
                    .append(esc(e.getValue())).append("</td></tr>\n");
        }
        b.append("</table></div>\n");
    }

    /** Manifest as path to scalar text; long arrays of scalars shown in one cell. */
    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode n : node) {
                scalars &= n.isValueNode();
            }
            if (scalars) {
                List<String> parts = new ArrayList<>();
                for (JsonNode n : node) {
                    parts.add(n.asText());
                }
                String text = "[" + String.join(", ", parts) + "]";
                out.put(prefix, text.length() > 400 ? text.substring(0, 400) + " …" : text);
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), out);
                }
            }
        } else {
            String text = node.isNull() ? "null" : node.asText();
            if (text.length() > 2000) {
                text = text.substring(0, 2000) + " …";
            }
            out.put(prefix, text);
        }
    }

    /** Diagnostic a spectral run records when its trace is k-means on the embedding, not on the features. */
    static final String EMBEDDING_DISTORTION = "embedding_distortion";

    /** Whether {@code r}'s iteration trace measures distortion in a spectral embedding. */
    static boolean traceInEmbedding(RunRecord r) {
        return r.diagnostics().containsKey(EMBEDDING_DISTORTION);
    }

    /**
     * A run's seed as every part of the report names it: its value from the experiment's seed list,
     * the number the summary's "best seed" column shows.
     */
    static String seedName(RunRecord r) {
        return "seed " + r.seed();
    }

    private void saveImage(String name, String svg) {
        AtomicFiles.writeString(imagesDir.resolve(name), svg);
    }

    /** A file-name-safe, unique name for a configuration. */
    static String slug(ConfigurationSummary s) {
        String base = (s.dataset() + "-" + s.algorithm() + "-k" + s.k()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return base + "-" + String.format(Locale.ROOT, "%08x", s.key().hashCode());
    }
}
