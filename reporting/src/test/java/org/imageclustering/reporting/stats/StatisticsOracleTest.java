package org.imageclustering.reporting.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
            close(p.get("wilcoxonP").asDouble(), got.wilcoxonP(), "exact Wilcoxon p");
            assertEquals(got.n(), got.wins() + got.ties() + got.losses());
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
    void identicalSamplesGiveNoEvidenceOfADifference() {
        PairedComparison same = PairedComparison.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, false);
        assertEquals(1.0, same.tTestP());
        assertEquals(1.0, same.wilcoxonP());
        assertEquals(3, same.ties());
    }
}
