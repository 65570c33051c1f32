package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gap statistic against R's {@code cluster::clusGap(d.power = 2, spaceH0 = "original")} on the
 * reference datasets it drew and the clusterings it used ({@code oracle/gap-oracle.json}, written
 * by the committed {@code oracle/make_gap_oracle.R}). clusGap's W is half the paper's, so its
 * {@code log W} and {@code E log W*} are ours minus log 2; the gap and its spread are the same.
 * The data are on a 1/256 grid (float32 exact), so log W agrees to 1e-12; R drew the references in
 * double precision and we read them as float32, so what depends on them agrees to 1e-7.
 */
class GapStatisticOracleTest {
    static final double EXACT = 1e-12;
    static final double REFERENCES_AS_FLOAT = 1e-7;

    static JsonNode oracle() throws IOException {
        try (InputStream in = GapStatisticOracleTest.class.getResourceAsStream("/oracle/gap-oracle.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static FloatMatrix matrix(JsonNode rows) {
        double[][] d = new double[rows.size()][];
        for (int i = 0; i < d.length; i++) {
            d[i] = new double[rows.get(i).size()];
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return FloatMatrix.of(d);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> gapMatchesClusGapOnItsOwnReferences() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : oracle().get("cases")) {
            FloatMatrix x = matrix(c.get("data"));
            List<FloatMatrix> refs = new ArrayList<>();
            for (JsonNode r : c.get("refs")) {
                refs.add(matrix(r.get("rows")));
            }
            for (int k = 1; k <= c.get("kMax").asInt(); k++) {
                int kk = k;
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ", K=" + k, () -> {
                    List<int[]> refLabels = new ArrayList<>();
                    for (JsonNode r : c.get("refs")) {
                        refLabels.add(ints(r.get("labels").get(Integer.toString(kk))));
                    }
                    GapStatistic.Result g = GapStatistic.of(x, ints(c.get("labels").get(Integer.toString(kk))), kk,
                            refs, refLabels);
                    double log2 = Math.log(2);
                    assertEquals(c.get("logW").get(kk - 1).asDouble(), g.logW() - log2, EXACT, "log W");
                    assertEquals(c.get("meanLogWRef").get(kk - 1).asDouble(), g.meanLogWRef() - log2, REFERENCES_AS_FLOAT,
                            "E log W*");
                    assertEquals(c.get("gap").get(kk - 1).asDouble(), g.gap(), REFERENCES_AS_FLOAT, "gap");
                    assertEquals(c.get("se").get(kk - 1).asDouble(), g.se(), REFERENCES_AS_FLOAT, "s_K");
                    assertEquals(x.rows(), g.sampleSize());
                }));
            }
        }
        return tests.stream();
    }
}
