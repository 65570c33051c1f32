package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.stats.Summary;
import org.junit.jupiter.api.Test;

class ChoosingKTest {
    /** Runs of one configuration at each K of {@code ks}, {@code seeds} seeds, train metrics from {@code values}. */
    static List<RunRecord> sweep(int[] ks, int seeds, ValueAt values) {
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            for (int s = 0; s < seeds; s++) {
                Map<String, Double> train = new LinkedHashMap<>(values.at(i, s));
                out.add(RunRecord.ok(new RunRecord.Setup("k" + ks[i] + "-s" + s, "t", new RunRecord.Configuration(
                        "blobs", "", "kmeans", Map.of(), ks[i]), 100 + s, s), Map.of("train", train),
                        RunRecord.Fit.NONE, Map.of()));
            }
        }
        return out;
    }

    interface ValueAt {
        Map<String, Double> at(int kIndex, int seed);
    }

    static ChoosingK choose(List<RunRecord> records) {
        List<ChoosingK> all = ChoosingK.of(Summaries.summarize(records, null), records);
        assertEquals(1, all.size());
        return all.get(0);
    }

    static ChoosingK.Criterion criterion(ChoosingK c, String name) {
        return c.criteria().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theKneeIsTheKFarthestBelowTheChord() {
        // scaled: K 0, .25, .5, .75, 1; distortion 1, .268, .085, .024, 0: below the chord .48, .41, .23
        double[] d = {100, 40, 25, 20, 18};
        ChoosingK c = choose(sweep(new int[] {1, 2, 3, 4, 5}, 2, (i, s) -> Map.of("distortion", d[i])));
        ChoosingK.Criterion knee = criterion(c, "knee of distortion");
        assertEquals(2, knee.pick());
        assertEquals(List.of("2", "40.00 ± 0.00", "0.4817"), knee.rows().get(1));
        assertArrayEquals(new double[] {0, 0.48170731707317066, 0.41463414634146345, 0.22560975609756095, 0},
                ChoosingK.kneedleDifference(new int[] {1, 2, 3, 4, 5}, d), 1e-12);
    }

    @Test
    void theKneeUsesTheSpacingOfTheSweep() {
        // K 2, 4, 10: the same distortions as at evenly spaced K would put the knee elsewhere
        double[] diff = ChoosingK.kneedleDifference(new int[] {2, 4, 10}, new double[] {10, 5, 4});
        assertArrayEquals(new double[] {0, 1 - 2 / 8.0 - 1 / 6.0, 0}, diff, 1e-12);
    }

    @Test
    void theKneeSaysWhyItCannotPick() {
        assertEquals("none: needs distortion at 3 K values or more, has 2", criterion(choose(sweep(new int[] {2, 3}, 2,
                (i, s) -> Map.of("distortion", 10.0 - i))), "knee of distortion").verdict());
        assertEquals("none: no K lies below the chord: the curve has no knee", criterion(choose(sweep(
                new int[] {2, 3, 4}, 2, (i, s) -> Map.of("distortion", 10.0 - i))), "knee of distortion").verdict());
        assertEquals("none: distortion does not fall from the first to the last K", criterion(choose(sweep(
                new int[] {2, 3, 4}, 2, (i, s) -> Map.of("distortion", 10.0 + i))), "knee of distortion").verdict());
        assertEquals("none: distortion not measured (add `distortion` to `metrics`)", criterion(choose(sweep(
                new int[] {2, 3, 4}, 2, (i, s) -> Map.of("nmi", 0.5))), "knee of distortion").verdict());
    }

    @Test
    void silhouetteAndCalinskiHarabaszPickTheHighestDaviesBouldinTheLowestTiesToTheSmallerK() {
        double[] sil = {Double.NaN, 0.4, 0.6, 0.6};
        double[] ch = {Double.NaN, 50, 80, 70};
        double[] db = {Double.NaN, 0.9, 0.5, 0.7};
        ChoosingK c = choose(sweep(new int[] {1, 2, 3, 4}, 3, (i, s) -> Map.of("silhouette", sil[i],
                "calinski-harabasz", ch[i], "davies-bouldin", db[i])));
        assertEquals(3, criterion(c, "silhouette").pick(), "0.6 at K = 3 and 4: the smaller K");
        assertEquals(3, criterion(c, "Calinski-Harabasz").pick());
        assertEquals(3, criterion(c, "Davies-Bouldin").pick());
        assertEquals("none: not measured (add `silhouette` to `metrics`)", criterion(choose(sweep(new int[] {2, 3}, 2,
                (i, s) -> Map.of("nmi", 0.5))), "silhouette").verdict());
        assertEquals("none: needs a value at 2 K values or more, has 1 (undefined at K = 1)", criterion(choose(sweep(
                new int[] {1, 2}, 2, (i, s) -> Map.of("silhouette", i == 0 ? Double.NaN : 0.3))), "silhouette")
                .verdict());
    }

    @Test
    void theGapPicksPerSeedAndTheMostFrequentPickWins() {
        // seed 0 and 2 stop at K = 3 (1.0 >= 1.05 - 0.1); seed 1's gap rises to K = 4
        double[][] gap = {{0.2, 0.5, 1.0, 1.05}, {0.2, 0.5, 0.8, 1.2}, {0.1, 0.6, 1.0, 1.0}};
        ChoosingK c = choose(sweep(new int[] {1, 2, 3, 4}, 3, (i, s) -> Map.of("gap", gap[s][i], "gap-se", 0.1)));
        ChoosingK.Criterion g = criterion(c, "gap statistic");
        assertEquals(3, g.pick());
        assertEquals("K = 3 (per seed: 3, none, 3)", g.verdict());
        assertEquals(List.of("3", "0.9333 ± 0.1155", "0.1000", "2"), g.rows().get(2));
    }

    @Test
    void theGapSaysWhyItCannotPick() {
        assertEquals("none: on every seed, Gap(K) < Gap(next K) − s(next K) at every K: the gap still rises at the "
                + "largest K (sweep larger K; R's clusGap would report the largest K)", criterion(choose(sweep(
                new int[] {2, 3, 4}, 2, (i, s) -> Map.of("gap", i * 1.0, "gap-se", 0.1))), "gap statistic").verdict());
        assertEquals("none: not measured (add `gap` to `metrics`)", criterion(choose(sweep(new int[] {2, 3}, 2,
                (i, s) -> Map.of("nmi", 0.5))), "gap statistic").verdict());
    }

    @Test
    void theGapRuleIsRsTibs2001SEmax() throws Exception {
        JsonNode oracle;
        try (InputStream in = ChoosingKTest.class.getResourceAsStream("/oracle/gap-oracle.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : oracle.get("cases")) {
            int n = c.get("kMax").asInt();
            int[] ks = new int[n];
            double[] gap = new double[n];
            double[] se = new double[n];
            for (int i = 0; i < n; i++) {
                ks[i] = i + 1;
                gap[i] = c.get("gap").get(i).asDouble();
                se[i] = c.get("se").get(i).asDouble();
            }
            assertEquals(c.get("tibs2001").asInt(), ChoosingK.gapPick(ks, gap, se), c.get("name").asText());
        }
        assertNull(ChoosingK.gapPick(new int[] {1, 2, 3}, new double[] {0, 1, 2}, new double[] {0.1, 0.1, 0.1}),
                "where maxSE falls back to the largest K, no pick");
    }

    static ConfigurationSummary withStability(int k, int runs, double[] aris) {
        Summary stability = Summary.of(aris);
        return new ConfigurationSummary("key" + k, "blobs", "", "kmeans", Map.of(), k, runs, 0, Map.of(), null, null,
                stability, List.of(), List.of());
    }

    @Test
    void stabilityPicksTheMostStableKLeavingOutOneCluster() {
        List<ConfigurationSummary> sweep = List.of(withStability(1, 3, new double[] {1, 1, 1}),
                withStability(2, 3, new double[] {0.7, 0.8, 0.9}), withStability(3, 3, new double[] {0.9, 0.95, 1}),
                withStability(4, 3, new double[] {0.6, 0.5, 0.7}));
        assertEquals(3, criterion(ChoosingK.of(sweep, List.of()).get(0), "stability").pick(), "K = 1 is left out");
        ChoosingK.Criterion one = ChoosingK.stability(List.of(withStability(2, 1, new double[0]),
                withStability(3, 1, new double[0])));
        assertEquals("none: one seed per K: stability needs 2 seeds or more", one.verdict());
    }

    @Test
    void aConfigurationRunAtOneKIsNoSweep() {
        List<RunRecord> records = sweep(new int[] {5}, 3, (i, s) -> Map.of("distortion", 1.0));
        assertTrue(ChoosingK.of(Summaries.summarize(records, null), records).isEmpty());
        assertEquals("", ChoosingK.markdown(List.of()));
    }
}
