package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.testing.SyntheticData;
import org.junit.jupiter.api.Test;

class InternalMetricsTest {
    private static FloatMatrix means(SyntheticData.Labelled d, int k) {
        double[][] m = Geometry.means(points(d), d.labels(), k);
        return FloatMatrix.of(m);
    }

    @Test
    void silhouetteIsExactUpToTheLimitAndSampledAboveWithTheSizeRecorded() {
        SyntheticData.Labelled d = SyntheticData.blobs(3, 100, 4, 8.0, 11);
        MetricInput in = new MetricInput(points(d), d.labels(), null, means(d, 3), 42L);
        Silhouette exact = new Silhouette();
        Silhouette.Result all = exact.evaluate(in);
        assertTrue(all.exact());
        assertEquals(300, all.sampleSize());

        Silhouette sampled = new Silhouette(120);
        Silhouette.Result s = sampled.evaluate(in);
        assertFalse(s.exact());
        assertEquals(120, s.sampleSize());
        assertEquals(all.value(), s.value(), 0.05, "a 120-image sample estimates the exact value");
        assertEquals(s.value(), sampled.evaluate(in).value(), 0.0, "same seed, same sample");
        MetricInput otherSeed = new MetricInput(points(d), d.labels(), null, means(d, 3), 43L);
        assertNotEquals(s.value(), sampled.evaluate(otherSeed).value(), "another seed draws another sample");

        Map<String, Double> details = sampled.scoreWithDetails("silhouette", in);
        assertEquals(120.0, details.get("silhouette-sample-size"));
        assertEquals(s.value(), details.get("silhouette"));
    }

    @Test
    void sampledSilhouetteIsTheSameAtAnyThreadCount() {
        SyntheticData.Labelled d = SyntheticData.blobs(4, 150, 6, 5.0, 5);
        Silhouette m = new Silhouette(200);
        double one = m.score(new MetricInput(points(d), d.labels(), null, means(d, 4), 9L));
        try (Parallelism p = Parallelism.of(4)) {
            assertEquals(one, m.score(new MetricInput(points(d), d.labels(), null, means(d, 4), 9L, p)), 0.0);
        }
    }

    @Test
    void geometryMetricsAreUndefinedForASingleCluster() {
        SyntheticData.Labelled d = SyntheticData.blobs(2, 10, 2, 4.0, 1);
        int[] one = new int[20];
        MetricInput in = new MetricInput(points(d), one, null, FloatMatrix.zeros(2, 2), 1L);
        assertTrue(Double.isNaN(new Silhouette().score(in)));
        assertTrue(Double.isNaN(new CalinskiHarabasz().score(in)));
        assertTrue(Double.isNaN(new DaviesBouldin().score(in)));
    }

    @Test
    void distortionIsTheSumOfSquaredDistancesToTheGivenCentroids() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0, 0}, {2, 0}, {10, 10}});
        FloatMatrix c = FloatMatrix.of(new float[][] {{1, 0}, {10, 11}});
        MetricInput in = new MetricInput(x, new int[] {0, 0, 1}, null, c, 0L);
        assertEquals(3.0, new Distortion().score(in));
        assertEquals(1.0, new MeanDistortion().score(in));
    }

    @Test
    void betterSeparatedBlobsScoreBetterOnEveryInternalIndex() {
        SyntheticData.Labelled far = SyntheticData.blobs(3, 50, 3, 12.0, 2);
        SyntheticData.Labelled near = SyntheticData.blobs(3, 50, 3, 2.0, 2);
        MetricInput f = new MetricInput(points(far), far.labels(), null, means(far, 3), 1L);
        MetricInput n = new MetricInput(points(near), near.labels(), null, means(near, 3), 1L);
        assertTrue(new Silhouette().score(f) > new Silhouette().score(n));
        assertTrue(new CalinskiHarabasz().score(f) > new CalinskiHarabasz().score(n));
        assertTrue(new DaviesBouldin().score(f) < new DaviesBouldin().score(n));
    }

    /** The fixture's points as a matrix. */
    private static FloatMatrix points(SyntheticData.Labelled d) {
        return FloatMatrix.wrap(d.rows(), d.cols(), d.values());
    }
}
