package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every metric against the values scikit-learn 1.2.1 (with numpy and scipy) computes for the same
 * label vectors and feature rows: {@code oracle/metrics-oracle.json}, written by the committed
 * {@code oracle/make_metrics_oracle.py}.
 */
class ScikitLearnOracleTest {
    private static final double TOLERANCE = 1e-9;

    private static JsonNode oracle() throws IOException {
        try (InputStream in = ScikitLearnOracleTest.class.getResourceAsStream("/oracle/metrics-oracle.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static FloatMatrix matrix(JsonNode rows) {
        double[][] d = new double[rows.size()][];
        for (int i = 0; i < d.length; i++) {
            d[i] = new double[rows.get(i).size()];
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return FloatMatrix.of(d);
    }

    @TestFactory
    Stream<DynamicTest> externalMetricsMatchScikitLearn() throws IOException {
        Map<String, Function<Contingency, Double>> metrics = Map.ofEntries(
                Map.entry("purity", t -> new Purity().score(t)),
                Map.entry("accuracy", t -> new MatchedAccuracy().score(t)),
                Map.entry("ari", t -> new AdjustedRandIndex().score(t)),
                Map.entry("homogeneity", t -> new Homogeneity().score(t)),
                Map.entry("completeness", t -> new Completeness().score(t)),
                Map.entry("v-measure", t -> new VMeasure().score(t)),
                Map.entry("fowlkes-mallows", t -> new FowlkesMallows().score(t)),
                Map.entry("mutual-information", Information::mutualInformation),
                Map.entry("nmi-arithmetic", t -> new NormalizedMutualInformation().score(t)),
                Map.entry("nmi-geometric", t -> new NormalizedMutualInformation(Information.Average.GEOMETRIC).score(t)),
                Map.entry("nmi-min", t -> new NormalizedMutualInformation(Information.Average.MIN).score(t)),
                Map.entry("nmi-max", t -> new NormalizedMutualInformation(Information.Average.MAX).score(t)),
                Map.entry("ami-arithmetic", t -> new AdjustedMutualInformation().score(t)),
                Map.entry("ami-geometric", t -> new AdjustedMutualInformation(Information.Average.GEOMETRIC).score(t)),
                Map.entry("ami-min", t -> new AdjustedMutualInformation(Information.Average.MIN).score(t)),
                Map.entry("ami-max", t -> new AdjustedMutualInformation(Information.Average.MAX).score(t)));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : oracle().get("external")) {
            int[] truth = ints(c.get("truth"));
            int[] predicted = ints(c.get("predicted"));
            Contingency table = Contingency.of(truth, predicted);
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ": contingency", () -> {
                JsonNode expected = c.get("contingency");
                assertEquals(expected.size(), table.classCount());
                for (int r = 0; r < expected.size(); r++) {
                    long[] row = new long[table.clusterCount()];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = table.count(r, k);
                    }
                    long[] want = new long[expected.get(r).size()];
                    for (int k = 0; k < want.length; k++) {
                        want[k] = expected.get(r).get(k).asLong();
                    }
                    assertArrayEquals(want, row, "row " + r);
                }
            }));
            c.get("values").fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(
                    c.get("name").asText() + ": " + e.getKey(), () -> {
                        Function<Contingency, Double> m = metrics.get(e.getKey());
                        assertEquals(e.getValue().asDouble(), m.apply(table), TOLERANCE, e.getKey());
                    })));
            // Through the registry and MetricInput, as the runner calls them.
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ": registry names", () -> {
                FloatMatrix rows = FloatMatrix.zeros(truth.length, 1);
                int k = java.util.Arrays.stream(predicted).max().orElse(0) + 1;
                MetricInput in = new MetricInput(rows, predicted, truth, FloatMatrix.zeros(k, 1), 1L);
                JsonNode v = c.get("values");
                assertEquals(v.get("nmi-arithmetic").asDouble(), Metrics.create("nmi").score(in), TOLERANCE);
                assertEquals(v.get("ami-arithmetic").asDouble(), Metrics.create("ami").score(in), TOLERANCE);
                assertEquals(v.get("accuracy").asDouble(), Metrics.create("accuracy").score(in), TOLERANCE);
                assertEquals(v.get("ari").asDouble(), Metrics.create("ari").score(in), TOLERANCE);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> internalMetricsMatchScikitLearnAtOneAndThreeThreads() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : oracle().get("internal")) {
            FloatMatrix x = matrix(c.get("rows"));
            FloatMatrix centroids = matrix(c.get("centroids"));
            int[] labels = ints(c.get("labels"));
            for (String name : List.of("distortion", "mean-distortion", "silhouette", "calinski-harabasz",
                    "davies-bouldin")) {
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ": " + name, () -> {
                    Metric m = Metrics.create(name);
                    double expected = c.get("values").get(name).asDouble();
                    double sequential = m.score(new MetricInput(x, labels, null, centroids, 5L));
                    assertEquals(expected, sequential, TOLERANCE * Math.max(1, Math.abs(expected)), name);
                    try (Parallelism p = Parallelism.of(3)) {
                        double parallel = m.score(new MetricInput(x, labels, null, centroids, 5L, p));
                        assertEquals(sequential, parallel, 0.0, "same value at any thread count");
                    }
                }));
            }
        }
        return tests.stream();
    }
}
