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
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.stats.PairedComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which configurations the paired tests compare, on which metrics, and what a reader is told. */
class PairedComparisonsTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURE_SPACE = List.of("distortion", "mean-distortion", "silhouette",
            "calinski-harabasz", "davies-bouldin");

    /** Three seeds of one configuration; feature-space metrics scaled by {@code scale} (PCA drops variance). */
    static List<RunRecord> runs(String experiment, String transforms, int features, double scale) {
        List<RunRecord> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Map<String, Double> train = new LinkedHashMap<>();
            for (String m : FEATURE_SPACE) {
                train.put(m, scale * (100 + 3 * s * s + s));
            }
            train.put("nmi", 0.5 + 0.01 * s * s + 0.001 * scale);
            train.put("ari", 0.4 + 0.02 * s + 0.003 * s * s * scale);
            out.add(RunRecord.ok(new RunRecord.Setup(experiment + transforms + s, experiment,
                    new RunRecord.Configuration("fashion-mnist", transforms, "kmeans", Map.of(), 10), s, s),
                    Map.of("train", train), new RunRecord.Fit(1, "NO_REASSIGNMENT", null, Map.of("train_rows", 2000,
                    "features", features), 1), null));
        }
        return out;
    }

    private static List<String> metricsCompared(List<PairedComparisons.Row> rows) {
        return rows.stream().map(PairedComparisons.Row::metric).distinct().toList();
    }

    @Test
    void featureSpaceMetricsAreComparedWithinOneFeatureSetOnly() {
        List<RunRecord> records = new ArrayList<>(runs("e", "", 784, 1.0));
        records.addAll(runs("e", "pca50", 50, 0.4));
        List<String> all = new ArrayList<>(FEATURE_SPACE);
        all.addAll(List.of("nmi", "ari"));
        var sides = PairedComparisons.sides("", Summaries.summarize(records, null), records);
        List<PairedComparisons.Row> rows = PairedComparisons.compare(sides, sides, all.stream().map(m -> "train." + m)
                .toList());
        assertEquals(List.of("nmi", "ari"), metricsCompared(rows), "pixels against PCA-50: labels-based metrics only");

        // Two configurations on the same feature set are compared on every metric.
        List<RunRecord> same = new ArrayList<>(runs("e", "pca50", 50, 1.0));
        same.addAll(runs("f", "pca50", 50, 0.4).stream().map(r -> new RunRecord(new RunRecord.Setup(r.runId(),
                r.experiment(), new RunRecord.Configuration(r.dataset(), r.transforms(), "minibatch", r.parameters(),
                r.k()), r.seed(), r.seedIndex()), r.status(), r.error(), r.metrics(), r.fit(), r.artifacts()))
                .toList());
        var sameSides = PairedComparisons.sides("", Summaries.summarize(same, null), same);
        assertEquals(all, metricsCompared(PairedComparisons.compare(sameSides, sameSides,
                all.stream().map(m -> "train." + m).toList())));
    }

    @Test
    void comparingFoldersWithDifferentFeatureChainsSkipsFeatureSpaceMetrics() throws Exception {
        Path a = dir.resolve("pixels");
        Path b = dir.resolve("pca");
        Path c = dir.resolve("pixels-again");
        for (RunRecord r : runs("pixels", "", 784, 1.0)) {
            RunLog.in(a).append(r);
        }
        for (RunRecord r : runs("pca", "pca50", 50, 0.4)) {
            RunLog.in(b).append(r);
        }
        for (RunRecord r : runs("pixels-again", "", 784, 0.9)) {
            RunLog.in(c).append(r);
        }
        Comparison.Result across = Comparison.compare(a, b, dir.resolve("cmp1"));
        assertEquals(List.of("nmi", "ari"), metricsCompared(across.rows()));
        String md = Files.readString(across.markdown());
        assertTrue(md.contains("compared only between configurations on the same feature set"), md);
        // Same feature chain label but another number of features: not the same space either.
        List<RunRecord> wider = runs("wide", "", 3072, 1.0);
        Path w = dir.resolve("wide");
        for (RunRecord r : wider) {
            RunLog.in(w).append(r);
        }
        assertEquals(List.of("nmi", "ari"), metricsCompared(Comparison.compare(a, w, dir.resolve("cmp2")).rows()));
        Comparison.Result within = Comparison.compare(a, c, dir.resolve("cmp3"));
        assertTrue(metricsCompared(within.rows()).containsAll(FEATURE_SPACE), "same space: " + within.rows());
    }

    @Test
    void threeSeedsAreSaidToBeTooFewForTheWilcoxonTest() {
        List<RunRecord> records = new ArrayList<>(runs("e", "", 784, 1.0));
        records.addAll(runs("e", "pca50", 50, 0.4));
        var sides = PairedComparisons.sides("", Summaries.summarize(records, null), records);
        List<PairedComparisons.Row> rows = PairedComparisons.compare(sides, sides, List.of("train.nmi"));
        String text = PairedComparisons.methodsText(rows);
        assertTrue(text.contains("With 3 matched seeds the Wilcoxon test cannot reach p < 0.05: its smallest "
                + "two-sided p-value is 2/2^3 = 0.2500. Run at least 6 seeds for one comparison."), text);
        assertTrue(text.contains("exact distribution when there are at most 50 pairs and no zero difference"), text);
    }

    @Test
    void aConstantDifferenceShowsWhyItHasNoPValue() {
        List<RunRecord> a = runs("e", "", 784, 1.0);
        List<RunRecord> b = new ArrayList<>();
        for (RunRecord r : a) {
            Map<String, Double> shifted = new LinkedHashMap<>();
            r.metrics().get("train").forEach((m, v) -> shifted.put(m, v + 0.05));
            b.add(RunRecord.ok(new RunRecord.Setup(r.runId() + "b", "e", new RunRecord.Configuration(r.dataset(),
                    r.transforms(), "spectral", Map.of(), r.k()), r.seed(), r.seedIndex()), Map.of("train", shifted),
                    new RunRecord.Fit(1, "NO_REASSIGNMENT", null, r.diagnostics(), 1), null));
        }
        List<RunRecord> all = new ArrayList<>(a);
        all.addAll(b);
        var sides = PairedComparisons.sides("", Summaries.summarize(all, null), all);
        PairedComparisons.Row row = PairedComparisons.compare(sides, sides, List.of("train.nmi")).get(0);
        assertEquals(PairedComparison.Status.CONSTANT_DIFFERENCE, row.result().status());
        String md = PairedComparisons.markdown(List.of(row));
        assertTrue(md.contains("| n/a | n/a | 0.2500 | 0.2500 | the same difference on every seed (zero variance): "
                + "no t-test; Wilcoxon exact |"), md);
        assertTrue(PairedComparisons.csv(List.of(row)).contains(",,,0.25,0.25,exact,"), PairedComparisons.csv(List.of(row)));
        assertFalse(md.contains("e-"), "no tiny p-value printed: " + md);
    }
}
