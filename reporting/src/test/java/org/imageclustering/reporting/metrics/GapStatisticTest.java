package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.reporting.MetricInput;
import org.junit.jupiter.api.Test;

class GapStatisticTest {
    /** {@code blobs} well-separated Gaussian blobs of {@code per} rows in 4 dimensions. */
    static FloatMatrix blobs(int blobs, int per, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[blobs * per][4];
        for (int b = 0; b < blobs; b++) {
            for (int i = 0; i < per; i++) {
                for (int j = 0; j < 4; j++) {
                    rows[b * per + i][j] = (j == b % 4 ? 10.0 * (1 + b / 4) : 0) + gaussian(rng) * 0.5;
                }
            }
        }
        return FloatMatrix.of(rows);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static MetricInput clustered(FloatMatrix x, int k, long seed, Parallelism parallel) {
        var c = new KMeans(KMeansOptions.defaults(k).withRestarts(5)).fit(x, FitContext.of(7));
        return new MetricInput(x, c.labels(), null, c.centroids(), seed, parallel);
    }

    @Test
    void theTibshiraniRuleOnTheGapCurveFindsTheBlobs() {
        FloatMatrix x = blobs(4, 40, 3);
        int[] ks = {1, 2, 3, 4, 5, 6};
        double[] gap = new double[ks.length];
        double[] se = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            GapStatistic.Result r = new GapStatistic().evaluate(clustered(x, ks[i], 11, null));
            gap[i] = r.gap();
            se[i] = r.se();
        }
        int pick = -1;
        for (int i = 0; i + 1 < ks.length && pick < 0; i++) {
            if (gap[i] >= gap[i + 1] - se[i + 1]) {
                pick = ks[i];
            }
        }
        assertEquals(4, pick, "gap " + java.util.Arrays.toString(gap));
    }

    @Test
    void theSameAtAnyThreadCountAndForTheSameSeed() {
        FloatMatrix x = blobs(3, 60, 5);
        GapStatistic gap = new GapStatistic(6, 100);
        GapStatistic.Result one = gap.evaluate(clustered(x, 3, 21, null));
        try (Parallelism p = Parallelism.of(3)) {
            assertEquals(one, gap.evaluate(clustered(x, 3, 21, p)));
        }
        assertEquals(one, gap.evaluate(clustered(x, 3, 21, null)));
        assertNotEquals(one, gap.evaluate(clustered(x, 3, 22, null)), "another seed, other references");
    }

    @Test
    void aLargeSplitIsSampledAndTheSampleSizeRecorded() {
        FloatMatrix x = blobs(3, 60, 5);
        Map<String, Double> out = new GapStatistic(4, 50).scoreWithDetails("gap", clustered(x, 3, 1, null));
        assertEquals(List.of("gap", "gap-se", "gap-sample-size"), new ArrayList<>(out.keySet()));
        assertEquals(50.0, out.get("gap-sample-size"));
        assertTrue(out.get("gap") > 0 && out.get("gap-se") > 0, out.toString());
        assertEquals(180.0, new GapStatistic(4, 1000).scoreWithDetails("gap", clustered(x, 3, 1, null))
                .get("gap-sample-size"));
    }

    @Test
    void undefinedWhenThereAreAsManyClustersAsRows() {
        FloatMatrix x = blobs(1, 4, 1);
        MetricInput in = new MetricInput(x, new int[] {0, 1, 2, 3}, null, x, 1);
        assertTrue(Double.isNaN(new GapStatistic().score(in)));
    }

    @Test
    void referencesStayInsideTheBoundingBox() {
        FloatMatrix x = FloatMatrix.of(new double[][] {{0, -1, 5}, {1, 3, 5}, {0.5, 2, 5}});
        FloatMatrix ref = GapStatistic.uniformInBoundingBox(x, 9);
        for (int i = 0; i < ref.rows(); i++) {
            assertTrue(ref.get(i, 0) >= 0 && ref.get(i, 0) <= 1);
            assertTrue(ref.get(i, 1) >= -1 && ref.get(i, 1) <= 3);
            assertEquals(5f, ref.get(i, 2), "a constant feature stays constant");
        }
    }

    @Test
    void optionsNameTheBadValue() {
        assertEquals("references must be >= 2 (the spread s_K needs two), was 1",
                assertThrows(IllegalArgumentException.class, () -> new GapStatistic(1, 100)).getMessage());
        assertEquals("maxRows must be >= 2, was 1",
                assertThrows(IllegalArgumentException.class, () -> new GapStatistic(10, 1)).getMessage());
    }
}
