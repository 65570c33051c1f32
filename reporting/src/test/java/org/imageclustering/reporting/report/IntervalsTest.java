package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.AdjustedRandIndex;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.Summary;
import org.junit.jupiter.api.Test;

/** Every interval the reports print stays inside the range its metric can take. */
class IntervalsTest {
    @Test
    void stabilityIntervalIsABootstrapOverSeedsInsideTheAriRange() {
        int[] a = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        int[] b = a.clone();
        int[] c = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        List<int[]> labels = List.of(a, b, c);
        Summary s = Summaries.stability(labels);
        assertEquals(3, s.n());
        double low = Math.min(AdjustedRandIndex.between(a, c), 1);
        // The t interval over the 3 overlapping pairs reached 1.4; the bootstrap stays within the pair values.
        assertTrue(s.ciHigh() <= 1.0 && s.ciLow() >= low - 1e-15, s.toString());
        assertTrue(s.ciLow() < s.mean() && s.mean() < s.ciHigh(), s.toString());
        assertEquals(s, Summaries.stability(labels), "a seeded bootstrap: same runs, same interval");
        Summary tInterval = Summary.of(new double[] {1, AdjustedRandIndex.between(a, c), AdjustedRandIndex.between(b, c)});
        assertTrue(tInterval.ciHigh() > 1, "the case the t interval got wrong: " + tInterval);
    }

    @Test
    void twoSeedsGiveNoStabilityInterval() {
        Summary s = Summaries.stability(List.of(new int[] {0, 1, 0, 1}, new int[] {1, 0, 1, 1}));
        assertEquals(1, s.n());
        assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
    }

    @Test
    void intervalsOfBoundedMetricsAreClippedToTheirRange() {
        List<RunRecord> records = new ArrayList<>();
        double[] near = {1.0, 1.0, 0.97};
        for (int s = 0; s < 3; s++) {
            Map<String, Double> train = new java.util.LinkedHashMap<>();
            for (String m : List.of("purity", "accuracy", "nmi", "ari", "homogeneity", "completeness", "v-measure",
                    "fowlkes-mallows", "silhouette", "ami")) {
                train.put(m, near[s]);
            }
            train.put("distortion", s == 2 ? 900.0 : 1.0);
            train.put("davies-bouldin", s == 2 ? 5.0 : 0.01);
            records.add(RunRecord.ok(new RunRecord.Setup("r" + s, "e", new RunRecord.Configuration("d", "", "kmeans",
                    Map.of(), 3), s, s), Map.of("train", train), new RunRecord.Fit(1, "NO_REASSIGNMENT", null, null,
                    1), null));
        }
        ConfigurationSummary c = Summaries.summarize(records, null).get(0);
        for (String m : List.of("purity", "accuracy", "nmi", "ari", "homogeneity", "completeness", "v-measure",
                "fowlkes-mallows", "silhouette", "ami")) {
            assertEquals(1.0, c.metric("train", m).ciHigh(), m + " cannot exceed 1");
        }
        assertEquals(0.0, c.metric("train", "distortion").ciLow(), "distortion cannot be negative");
        assertEquals(0.0, c.metric("train", "davies-bouldin").ciLow());
        assertEquals(Metrics.range("ari"), new Metrics.Range(-0.5, 1));
        String csv = SummaryTables.csv(List.of(c));
        String accuracy = csv.lines().filter(l -> l.contains(",train,accuracy,")).findFirst().orElseThrow();
        assertTrue(accuracy.endsWith(",1,3,0,0"), "the upper end printed is 1: " + accuracy);
    }
}
