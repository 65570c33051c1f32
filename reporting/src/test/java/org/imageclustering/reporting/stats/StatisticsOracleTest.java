package org.imageclustering.reporting.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Summaries, paired tests and Holm's correction against values scipy computes independently
 * ({@code oracle/stats-oracle.json}, from the committed {@code oracle/make_stats_oracle.py}).
 */
class StatisticsOracleTest {
    private static JsonNode oracle() throws IOException {
        try (InputStream in = StatisticsOracleTest.class.getResourceAsStream("/oracle/stats-oracle.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void summaryMatchesScipyIncludingStudentTInterval() throws IOException {
        for (JsonNode s : oracle().get("summaries")) {
            Summary got = Summary.of(doubles(s.get("values")));
            assertEquals(s.get("n").asInt(), got.n());
            close(s.get("mean").asDouble(), got.mean(), "mean");
            close(s.get("sd").asDouble(), got.sd(), "sd");
            close(s.get("median").asDouble(), got.median(), "median");
            close(s.get("min").asDouble(), got.min(), "min");
            close(s.get("max").asDouble(), got.max(), "max");
            close(s.get("ciLow").asDouble(), got.ciLow(), "ciLow");
            close(s.get("ciHigh").asDouble(), got.ciHigh(), "ciHigh");
        }
    }

    @Test
    void pairedTestsMatchScipy() throws IOException {
        for (JsonNode p : oracle().get("paired")) {
            PairedComparison got = PairedComparison.of(doubles(p.get("a")), doubles(p.get("b")), false);
            close(p.get("meanDifference").asDouble(), got.meanDifference(), "mean difference");
            close(p.get("tTestP").asDouble(), got.tTestP(), "paired t-test p");
            close(p.get("wilcoxonP").asDouble(), got.wilcoxonP(), "Wilcoxon p");
            assertEquals(got.n(), got.wins() + got.ties() + got.losses());
        }
    }

    @Test
    void wilcoxonMatchesScipyDefaultsWithTiedMagnitudesAndZeroDifferences() throws IOException {
        int cases = 0;
        for (JsonNode w : oracle().get("wilcoxon")) {
            double[] a = doubles(w.get("a"));
            PairedComparison got = PairedComparison.of(a, doubles(w.get("b")), false);
            String what = "Wilcoxon p of " + w.get("a") + " - " + w.get("b");
            close(w.get("pvalue").asDouble(), got.wilcoxonP(), what);
            assertEquals(w.get("method").asText().equals("exact"), got.wilcoxonExact(), what);
            cases++;
        }
        assertEquals(56, cases, "the oracle's Wilcoxon cases");
    }

    @Test
    void threeSeedsNeverGiveAWilcoxonPBelowTheSmallestExactValue() {
        // Tied magnitudes do not switch to the normal approximation (which gave 0.1025).
        PairedComparison tied = PairedComparison.of(new double[] {1.5, 1.5, 2.5}, new double[] {0.5, 0.5, 0.5}, false);
        assertEquals(0.25, tied.wilcoxonP(), 1e-15);
        assertEquals(0.25, PairedComparison.smallestWilcoxonP(3));
        // A zero difference switches to the normal approximation of the other two (scipy: 0.6547).
        PairedComparison zero = PairedComparison.of(new double[] {0.6, 0.4, 0.5}, new double[] {0.5, 0.6, 0.5}, false);
        assertEquals(0.6547208460185769, zero.wilcoxonP(), 1e-12);
        assertFalse(zero.wilcoxonExact());
    }

    @Test
    void studentTQuantileMatchesScipyTo1e12() throws IOException {
        for (JsonNode q : oracle().get("tQuantiles")) {
            double expected = q.get("quantile").asDouble();
            assertEquals(expected, Summary.studentQuantile(q.get("p").asDouble(), q.get("df").asInt()),
                    1e-12 * expected, "t.ppf(" + q.get("p") + ", " + q.get("df") + ")");
        }
    }

    @Test
    void holmMatchesItsDefinition() throws IOException {
        for (JsonNode h : oracle().get("holm")) {
            assertArrayEquals(doubles(h.get("adjusted")), Holm.adjust(doubles(h.get("p"))), 1e-15);
        }
    }

    @Test
    void nonFiniteValuesAreLeftOutAndSmallSamplesHaveNoInterval() {
        Summary s = Summary.of(new double[] {Double.NaN, 2.0, Double.POSITIVE_INFINITY});
        assertEquals(1, s.n());
        assertEquals(2.0, s.mean());
        assertTrue(Double.isNaN(s.sd()) && Double.isNaN(s.ciLow()));
        assertEquals(0, Summary.of(new double[0]).n());
    }

    @Test
    void winsRespectWhetherLowerIsBetter() {
        double[] a = {1, 2, 3, 4};
        double[] b = {2, 2, 1, 5};
        PairedComparison higher = PairedComparison.of(a, b, false);
        assertEquals(1, higher.wins());
        assertEquals(1, higher.ties());
        assertEquals(2, higher.losses());
        PairedComparison lower = PairedComparison.of(a, b, true);
        assertEquals(2, lower.wins());
        assertEquals(1, lower.losses());
    }

    @Test
    void identicalSamplesAreFlaggedInsteadOfTested() {
        PairedComparison same = PairedComparison.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, false);
        assertEquals(PairedComparison.Status.ALL_TIED, same.status());
        assertTrue(Double.isNaN(same.tTestP()) && Double.isNaN(same.wilcoxonP()));
        assertEquals(3, same.ties());
    }

    @Test
    void constantDifferencesGetNoTTestPValue() {
        // A seed-insensitive algorithm: B is A shifted by the same amount on every seed.
        double[] a = {0.61, 0.62, 0.63};
        double[][] shifted = {{0.51, 0.52, 0.53}, {0.6, 0.61, 0.62}};
        for (double[] b : shifted) {
            PairedComparison c = PairedComparison.of(a, b, false);
            assertEquals(PairedComparison.Status.CONSTANT_DIFFERENCE, c.status(), java.util.Arrays.toString(b));
            assertTrue(Double.isNaN(c.tTestP()), "no t-test p-value from zero variance");
            assertEquals(0.25, c.wilcoxonP(), 1e-15, "the signed-rank test still applies");
        }
        // Differences equal up to rounding (1e-13 relative) count as constant too.
        PairedComparison rounding = PairedComparison.of(new double[] {120000.5, 120001.5, 120002.5},
                new double[] {110000.25, 110001.25 - 1e-9, 110002.25 + 2e-9}, true);
        assertEquals(PairedComparison.Status.CONSTANT_DIFFERENCE, rounding.status());
        assertTrue(Double.isNaN(rounding.tTestP()));
        // Differences that vary are tested.
        PairedComparison varying = PairedComparison.of(a, new double[] {0.5, 0.53, 0.52}, false);
        assertEquals(PairedComparison.Status.TESTED, varying.status());
        assertTrue(varying.tTestP() > 0 && varying.tTestP() < 1);
    }

    @Test
    void tooFewPairsAreFlagged() {
        PairedComparison one = PairedComparison.of(new double[] {1, Double.NaN}, new double[] {2, 3}, false);
        assertEquals(PairedComparison.Status.TOO_FEW_PAIRS, one.status());
        assertTrue(Double.isNaN(one.tTestP()) && Double.isNaN(one.wilcoxonP()));
    }

    @Test
    void wilcoxonNeedsSixSeedsForOneTestAndMoreForAFamily() {
        assertEquals(6, PairedComparison.pairsForSignificance(1, 0.05));
        assertEquals(7, PairedComparison.pairsForSignificance(3, 0.05), "3 x 2/2^7 = 0.047");
    }
}
