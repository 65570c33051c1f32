package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.ImageShape;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small experiment run the way the runner does it, then every report rebuilt from the folder alone. */
class ReportsEndToEndTest {
    @TempDir
    Path dir;

    /** Blobs in 16 dimensions drawn as 4x4 grey "images", 3 classes. */
    static void runExperiment(Path results, String algorithmName, int restarts) {
        SyntheticData.Labelled data = SyntheticData.blobs(3, 40, 16, 6.0, 7);
        // Scale into [0, 1] so that rows are also plausible pixels.
        float[] px = points(data).data().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0f, Math.min(1f, (px[i] + 3f) / 12f));
        }
        FloatMatrix x = FloatMatrix.wrap(points(data).rows(), 16, px);
        ImageShape shape = new ImageShape(1, 4, 4);
        RunLog log = RunLog.in(results);
        RunArtifacts artifacts = new RunArtifacts(results);
        List<String> classNames = List.of("north", "east", "south");
        for (int k : new int[] {2, 3, 4}) {
            for (int s = 0; s < 3; s++) {
                long seed = 1000 + s;
                Clustering c = new KMeans(KMeansOptions.defaults(k).withRestarts(restarts)).fit(x, FitContext.of(seed));
                List<String> names = new ArrayList<>(Metrics.names());
                names.add("gap");
                Map<String, Double> train = Metrics.scoreAll(names,
                        new MetricInput(x, c.labels(), data.labels(), c.centroids(), seed));
                String runId = algorithmName + "-k" + k + "-s" + s;
                Map<String, String> files = artifacts.saveStandard(runId, x, c.labels(), c.centroids(), data.labels(),
                        classNames, c.centroids(), x, shape);
                Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
                metrics.put("train", train);
                log.append(RunRecord.ok(new RunRecord.Setup(runId, "blobs-demo", new RunRecord.Configuration("blobs",
                        "", algorithmName, Map.of("restarts", restarts), k), seed, s), metrics,
                        new RunRecord.Fit(c.iterations(), c.stopReason().name(), new ArrayList<>(c.trace()),
                        c.diagnostics(), 5), files));
            }
        }
    }

    @Test
    void reportsAreRebuiltFromTheResultsFolderAlone() throws Exception {
        runExperiment(dir, "kmeans", 1);
        Reports.Written w = Reports.writeAll(dir);
        assertEquals(3, w.summaries().size());
        ConfigurationSummary k3 = w.summaries().get(1);
        assertEquals(3, k3.k());
        assertEquals(3, k3.runs());
        assertEquals(1.0, k3.metric("train", "ari").mean(), 1e-12, "separated blobs are recovered at K=3");
        assertEquals(1.0, k3.stability().mean(), 1e-12, "every seed finds the same partition");
        assertEquals(3, k3.stability().n(), "3 seeds give 3 pairs");

        String csv = Files.readString(w.summaryCsv());
        assertTrue(csv.startsWith(SummaryTables.CSV_HEADER + "\n"));
        assertTrue(csv.contains("blobs,pixels,kmeans,restarts=1,3,train,ari,3,1,0,1,1,1,1,1,3,0,"), csv);
        String html = Files.readString(w.html());
        for (String section : List.of("id=\"summary\"", "id=\"elbow\"", "id=\"convergence\"", "id=\"contingency\"",
                "id=\"centroids\"", "id=\"montages\"", "id=\"provenance\"", "data:image/png;base64,", "<svg",
                "north", "polygon")) {
            assertTrue(html.contains(section), "report.html lacks " + section);
        }
        assertTrue(!html.contains("http://") || !html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "the report must not reference the network");
        assertTrue(Files.exists(dir.resolve("images").resolve("elbow-train-nmi.svg")));
        assertTrue(Files.exists(dir.resolve("images").resolve("elbow-train-stability.svg")));
        assertTrue(w.consoleTable().contains("train nmi"), w.consoleTable());
        assertTrue(html.contains("id=\"choosing-k\""));
        String md = Files.readString(w.summaryMarkdown());
        for (String pick : List.of("| knee of distortion | farthest below the chord from the first to the last K "
                + "(Kneedle) | K = 3 |", "| silhouette | highest mean silhouette | K = 3 |",
                "| Calinski-Harabasz | highest mean calinski-harabasz | K = 3 |",
                "| Davies-Bouldin | lowest mean davies-bouldin | K = 3 |", "| gap statistic |")) {
            assertTrue(md.contains(pick), "summary.md lacks " + pick + ":\n" + md);
        }
        assertTrue(md.contains("K = 3 (per seed: 3, 3, 3)"), md);
        assertTrue(Files.readString(dir.resolve(Reports.CHOOSING_K_CSV)).startsWith(ChoosingK.CSV_HEADER + "\n"
                + "blobs,pixels,kmeans,restarts=1,knee of distortion,2,"));
        assertTrue(Files.exists(dir.resolve("images").resolve("choosing-k-" + HtmlReport.slug(w.summaries().get(0))
                + "-gap-statistic.svg")));

        // Rebuilding from the same folder gives the same bytes (no clock, no hash-order in the output).
        Reports.writeAll(dir);
        assertEquals(html, Files.readString(w.html()));
        assertEquals(csv, Files.readString(w.summaryCsv()));
    }

    @Test
    void contingencyColumnsFollowTheMatchedClasses() {
        // Cluster 2 holds class 0, cluster 0 class 1, cluster 1 class 2, cluster 3 is surplus.
        long[][] counts = {{0, 1, 9, 2}, {8, 0, 1, 0}, {1, 7, 0, 3}};
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 0, 1, 3}, HtmlReport.columnOrder(counts));
    }

    @Test
    void comparisonPairsConfigurationsSharingDatasetAndK() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        runExperiment(a, "kmeans", 1);
        runExperiment(b, "kmeans-restarts", 3);
        Comparison.Result r = Comparison.compare(a, b, dir.resolve("cmp"));
        assertTrue(r.rows().stream().allMatch(row -> row.result().n() == 3));
        assertEquals(3, r.rows().stream().map(PairedComparisons.Row::k).distinct().count());
        assertTrue(Files.readString(r.markdown()).contains("Paired tests on matched seeds"));
        assertTrue(Files.readString(r.csv()).startsWith("dataset,k,a,b,split,metric,pairs"));
    }

    @Test
    void configurationsTrainedOnDifferentlySizedSamplesAreNotPaired() {
        List<RunRecord> small = new ArrayList<>();
        List<RunRecord> large = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Map<String, Map<String, Double>> m = Map.of("train", Map.of("purity", 0.5 + 0.01 * s));
            small.add(RunRecord.ok(new RunRecord.Setup("a" + s, "a", new RunRecord.Configuration("fashion-mnist", "",
                    "kmeans", Map.of(), 10), s, s), m, new RunRecord.Fit(1, "NO_REASSIGNMENT", null,
                    Map.of("train_rows", 2000), 1), null));
            large.add(RunRecord.ok(new RunRecord.Setup("b" + s, "b", new RunRecord.Configuration("fashion-mnist", "",
                    "kmeans", Map.of(), 10), s, s), m, new RunRecord.Fit(1, "NO_REASSIGNMENT", null,
                    Map.of("train_rows", 60000), 1), null));
        }
        var a = PairedComparisons.sides("a: ", Summaries.summarize(small, null), small);
        var b = PairedComparisons.sides("b: ", Summaries.summarize(large, null), large);
        assertEquals(0, PairedComparisons.compare(a, b, List.of("train.purity")).size());
        assertEquals(0, PairedComparisons.compare(a, a, List.of("train.purity")).size(),
                "a side is never compared with itself");
        var a2 = PairedComparisons.sides("a2: ", Summaries.summarize(small, null), small);
        PairedComparisons.Row row = PairedComparisons.compare(a, a2, List.of("train.purity")).get(0);
        assertEquals(3, row.result().ties());
    }

    @Test
    void aConfigurationWhoseRunsAllFailedIsListedWithItsError() throws Exception {
        runExperiment(dir, "kmeans", 1);
        RunLog.in(dir).append(RunRecord.failed(new RunRecord.Setup("broken-s0", "blobs-demo",
                new RunRecord.Configuration("blobs", "", "spectral", Map.of(), 3), 1, 0),
                "affinity matrix <not> connected"));
        Reports.Written w = Reports.writeAll(dir);
        ConfigurationSummary broken = w.summaries().stream().filter(s -> s.algorithm().equals("spectral")).findFirst()
                .orElseThrow();
        assertEquals(0, broken.runs());
        assertEquals(1, broken.failed());
        String html = Files.readString(w.html());
        assertTrue(html.contains("id=\"failed\""));
        assertTrue(html.contains("affinity matrix &lt;not&gt; connected"), "errors are escaped");
        assertTrue(Files.readString(w.summaryMarkdown()).contains("| 0 (+1 failed) |"));
    }

    @Test
    void seedsAreNamedByTheirValueEverywhere() throws Exception {
        runExperiment(dir, "kmeans", 1);
        Reports.Written w = Reports.writeAll(dir);
        String html = Files.readString(w.html());
        assertFalse(html.contains("seed #"), "seed indices are not shown as names");
        ConfigurationSummary k3 = w.summaries().get(1);
        String best = "seed " + k3.bestSeed();
        assertTrue(html.contains("K=3 (" + best + ")"), "the heatmap names the best seed as the summary does");
        assertTrue(html.contains(best + " ("), "convergence legends and picture captions: " + best);
        assertTrue(html.contains("<td>" + k3.bestSeed() + "</td>"), "the summary's best seed column");
    }

    @Test
    void spectralConvergenceIsLabelledAsEmbeddingDistortion() throws Exception {
        runExperiment(dir, "kmeans", 1);
        RunLog log = RunLog.in(dir);
        for (int s = 0; s < 3; s++) {
            List<org.imageclustering.core.IterationTrace> trace = List.of(
                    new org.imageclustering.core.IterationTrace(1, 2.5, 10, 0.1, 1),
                    new org.imageclustering.core.IterationTrace(2, 1.5, 0, 0.0, 1));
            log.append(RunRecord.ok(new RunRecord.Setup("spectral-s" + s, "blobs-demo",
                    new RunRecord.Configuration("blobs", "", "spectral", Map.of(), 3), 1000 + s, s), Map.of("train",
                    Map.of("distortion", 500.0 + s)), new RunRecord.Fit(2, "NO_REASSIGNMENT", trace,
                    Map.of("embedding_distortion", 1.5, "laplacian", "symmetric"), 1), null));
        }
        String html = Files.readString(Reports.writeAll(dir).html());
        int spectral = html.indexOf("K=3 · blobs: spectral");
        assertTrue(spectral > 0, "a convergence chart for spectral");
        String chart = html.substring(spectral, html.indexOf("</svg>", spectral));
        assertTrue(chart.contains("distortion in the spectral embedding"), chart);
        int kmeans = html.indexOf("K=3 · blobs: kmeans");
        assertFalse(html.substring(kmeans, html.indexOf("</svg>", kmeans)).contains("embedding"));
    }

    @Test
    void detailsAreNotSummarisedAsMetrics() throws Exception {
        List<RunRecord> records = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            records.add(RunRecord.ok(new RunRecord.Setup("r" + s, "e", new RunRecord.Configuration("d", "", "kmeans",
                    Map.of(), 3), s, s), Map.of("train", Map.of("silhouette", 0.2 + s * 0.01, "silhouette-sample-size",
                    3000.0)), new RunRecord.Fit(1, "NO_REASSIGNMENT", null, null, 1), null));
        }
        List<ConfigurationSummary> s = Summaries.summarize(records, null);
        assertEquals(java.util.Set.of("train.silhouette"), s.get(0).metrics().keySet());
        assertFalse(SummaryTables.csv(s).contains("silhouette-sample-size"));
    }

    @Test
    void theDefaultFeatureSetIsCalledPixelsEverywhere() throws Exception {
        runExperiment(dir, "kmeans", 1);
        Reports.Written w = Reports.writeAll(dir);
        assertEquals("pixels", ConfigurationSummary.DEFAULT_FEATURE_SET);
        assertTrue(Files.readString(w.summaryCsv()).contains("\nblobs,pixels,kmeans,"));
        assertTrue(Files.readString(w.summaryMarkdown()).contains("| blobs | pixels | kmeans |"));
        assertTrue(w.consoleTable().contains("blobs    pixels"), w.consoleTable());
        assertTrue(Files.readString(w.html()).contains("<td class=\"l\">pixels</td>"));
    }

    @Test
    void reportRanksConfigurationsSaysWhatThreeSeedsAllowAndDrawsEverySeed() throws Exception {
        runExperiment(dir, "kmeans", 1);
        runExperiment(dir, "kmeans-restarts", 3);
        Reports.Written w = Reports.writeAll(dir);
        String html = Files.readString(w.html());
        assertTrue(html.contains("<h3>Ranking</h3>"), "a ranking section");
        assertTrue(html.contains("<li>blobs, K=3, by train accuracy: best kmeans"), html);
        assertTrue(html.contains("With 3 matched seeds the Wilcoxon test cannot reach p &lt; 0.05"),
                "the report says 3 seeds are too few");
        String nmi = Files.readString(dir.resolve("images").resolve("elbow-train-nmi.svg"));
        assertEquals(2 * 3 * 3, nmi.split("class=\"seed\"", -1).length - 1, "2 configurations x 3 K x 3 seeds");
    }

    @Test
    void rankingPutsTheBestMeanFirstAndRespectsLowerIsBetter() {
        List<RunRecord> records = new ArrayList<>();
        double[][] accuracy = {{0.5, 0.52, 0.51}, {0.7, 0.69, 0.71}, {0.6, 0.6, 0.6}};
        String[] algorithms = {"a", "b", "c"};
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < 3; s++) {
                records.add(RunRecord.ok(new RunRecord.Setup(algorithms[c] + s, "e", new RunRecord.Configuration("d",
                        c == 2 ? "pca50" : "", algorithms[c], Map.of(), 5), s, s), Map.of("train", Map.of("accuracy",
                        accuracy[c][s])), new RunRecord.Fit(1, "NO_REASSIGNMENT", null, null, 1), null));
            }
        }
        List<Ranking> r = Ranking.of(Summaries.summarize(records, null));
        assertEquals(1, r.size());
        assertEquals(List.of("b", "c", "a"), r.get(0).order().stream().map(ConfigurationSummary::algorithm).toList());
        assertEquals("d, K=5, by train accuracy: best b on pixels (0.7000 ± 0.0100), then c on pca50 (0.6000 ± 0.0000), "
                + "a on pixels (0.5100 ± 0.0100)", r.get(0).text());
    }

    @Test
    void reportLaysOutOnAPhone() throws Exception {
        runExperiment(dir, "kmeans", 1);
        String html = Files.readString(Reports.writeAll(dir).html());
        String head = html.substring(0, html.indexOf("</head>"));
        assertTrue(head.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
                "a viewport tag, or a phone shows a zoomed-out desktop page");
        assertTrue(head.contains("svg{max-width:100%;height:auto}"), "charts shrink to the screen");
        assertTrue(head.contains("img.pix{image-rendering:pixelated;display:block;max-width:100%;height:auto}"),
                "mosaics and montages shrink to the screen");
        assertTrue(head.contains("@media (max-width:600px)"), "narrow-screen margins");
        assertTrue(head.contains(".card{border:1px solid #e4e4e4;padding:6px;border-radius:4px;max-width:100%;"
                + "box-sizing:border-box}"), "cards never wider than the screen");
        // Every chart scales: it has a viewBox; every table scrolls inside its own box.
        java.util.regex.Matcher svg = java.util.regex.Pattern.compile("<svg [^>]*>").matcher(html);
        int charts = 0;
        while (svg.find()) {
            assertTrue(svg.group().contains("viewBox=\"0 0 "), svg.group());
            charts++;
        }
        assertTrue(charts > 10, "charts: " + charts);
        assertEquals(html.split("<table", -1).length - 1, html.split("<div class=\"scroll\"><table", -1).length - 1,
                "every table in a scroll box");
    }

    /** The fixture's points as a matrix. */
    private static FloatMatrix points(SyntheticData.Labelled d) {
        return FloatMatrix.wrap(d.rows(), d.cols(), d.values());
    }
}
