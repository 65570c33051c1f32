package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
    @Test
    void namesAreTheExperimentFileNamesInReportOrder() {
        assertEquals(List.of("distortion", "mean-distortion", "purity", "accuracy", "nmi", "ami", "ari",
                "homogeneity", "completeness", "v-measure", "fowlkes-mallows", "silhouette", "calinski-harabasz",
                "davies-bouldin"), Metrics.names());
        assertEquals(List.of("purity", "accuracy", "nmi", "ami", "ari", "homogeneity", "completeness", "v-measure",
                "fowlkes-mallows"), Metrics.externalNames());
        assertEquals(List.of("distortion", "mean-distortion", "silhouette", "calinski-harabasz", "davies-bouldin"),
                Metrics.internalNames());
        assertEquals(Metrics.names().size() + 7, Metrics.allNames().size());
    }

    @Test
    void gapIsSelectableByNameButNotInTheDefaultList() {
        assertTrue(Metrics.isKnown("gap"));
        assertTrue(Metrics.create("gap") instanceof GapStatistic);
        assertFalse(Metrics.names().contains("gap"));
        assertFalse(Metrics.inDefaultList("gap"));
        assertFalse(Metrics.inDefaultList("nmi-geometric"));
        assertTrue(Metrics.inDefaultList("silhouette"));
        assertTrue(Metrics.inDefaultList("my-own-metric"), "a metric bound from outside is in the default list");
    }

    @Test
    void aStandardErrorBesideAScoreIsADetailNotAScore() {
        assertTrue(Metrics.isDetail("gap-se"));
        assertTrue(Metrics.isDetail("gap-sample-size"));
        assertFalse(Metrics.isDetail("gap"));
    }

    @Test
    void otherNormalisationsAreSelectableByName() {
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2};
        int[] pred = {0, 0, 1, 1, 1, 1, 2, 0};
        FloatMatrix rows = FloatMatrix.zeros(8, 1);
        MetricInput in = new MetricInput(rows, pred, truth, FloatMatrix.zeros(3, 1), 0L);
        var t = org.imageclustering.reporting.metrics.Contingency.of(truth, pred);
        var avg = org.imageclustering.reporting.metrics.Information.Average.GEOMETRIC;
        assertEquals(new org.imageclustering.reporting.metrics.NormalizedMutualInformation(avg).score(t),
                Metrics.create("nmi-geometric").score(in));
        assertEquals(new org.imageclustering.reporting.metrics.AdjustedMutualInformation(
                org.imageclustering.reporting.metrics.Information.Average.MAX).score(t),
                Metrics.create("ami-max").score(in));
        assertTrue(Metrics.isExternal("ami-min"));
        assertFalse(Metrics.names().contains("nmi-min"), "not in the default list");
    }

    @Test
    void everyNamedMetricIsBuiltFreshAndKnowsWhetherItNeedsLabels() {
        for (Map.Entry<String, java.util.function.Supplier<Metric>> e : Metrics.factories().entrySet()) {
            Metric m = e.getValue().get();
            assertTrue(m != e.getValue().get(), e.getKey() + ": a new instance per call");
            assertEquals(Metrics.isExternal(e.getKey()), m.external(), e.getKey());
        }
        assertEquals(Metrics.allNames(), List.copyOf(Metrics.factories().keySet()));
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.create("purty"));
        assertTrue(e.getMessage().startsWith("unknown metric 'purty' (did you mean 'purity'?)"), e.getMessage());
    }

    @Test
    void scoreAllSkipsExternalMetricsWithoutLabelsAndAddsSampleSize() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {1}, {10}, {11}});
        FloatMatrix c = FloatMatrix.of(new float[][] {{0.5f}, {10.5f}});
        int[] pred = {0, 0, 1, 1};
        Map<String, Double> unlabelled = Metrics.scoreAll(Metrics.names(), new MetricInput(x, pred, null, c, 1L));
        assertFalse(unlabelled.containsKey("purity"));
        assertEquals(1.0, unlabelled.get("distortion"));
        assertEquals(4.0, unlabelled.get("silhouette-sample-size"));
        Map<String, Double> labelled = Metrics.scoreAll(List.of("purity", "ari"),
                new MetricInput(x, pred, new int[] {1, 1, 0, 0}, c, 1L));
        assertEquals(Map.of("purity", 1.0, "ari", 1.0), labelled);
        assertEquals(List.of("purity", "ari"), List.copyOf(labelled.keySet()), "keeps the requested order");
    }

    @Test
    void metricInputNamesTheBadLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MetricInput(
                FloatMatrix.zeros(2, 1), new int[] {0, 2}, null, FloatMatrix.zeros(2, 1), 0L));
        assertEquals("predicted label 2 at row 1 is outside [0, 2)", e.getMessage());
    }
}
