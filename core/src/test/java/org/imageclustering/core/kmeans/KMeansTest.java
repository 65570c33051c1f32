package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class KMeansTest {
    @Test
    void kmeansRecoversWellSeparatedBlobs() {
        Fixtures.Labelled blobs = Fixtures.blobs(4, 50, 8, 20, 1);
        for (Initialization init : new Initialization[] {Initialization.KMEANS_PLUS_PLUS, Initialization.RANDOM_POINTS}) {
            Clustering c = new KMeans(KMeansOptions.defaults(4).withInit(init).withRestarts(3)).fit(blobs.points(), 7);
            assertEquals(1.0, Fixtures.adjustedRand(blobs.labels(), c.labels()), 1e-12, init.yamlName());
            assertArrayEquals(new int[] {50, 50, 50, 50}, java.util.Arrays.stream(c.sizes()).sorted().toArray());
            assertTrue(c.converged());
        }
    }

    @Test
    void sameSeedGivesSameResultAtAnyThreadCount() {
        Fixtures.Labelled blobs = Fixtures.blobs(5, 400, 16, 3, 2);
        KMeans kmeans = new KMeans(KMeansOptions.defaults(5).withInit(Initialization.RANDOM_GAUSSIAN));
        Clustering one = kmeans.fit(blobs.points(), 11);
        try (Parallelism p = Parallelism.of(3)) {
            Clustering three = kmeans.fit(blobs.points(), new FitContext(11, p, FitListener.NONE));
            assertArrayEquals(one.labels(), three.labels());
            assertEquals(Double.doubleToLongBits(one.distortion()), Double.doubleToLongBits(three.distortion()));
        }
    }

    @Test
    void distortionNeverIncreasesAcrossIterations() {
        Fixtures.Labelled blobs = Fixtures.blobs(6, 200, 10, 2, 3);
        Clustering c = new KMeans(KMeansOptions.defaults(6).withInit(Initialization.RANDOM_POINTS)).fit(blobs.points(), 5);
        for (int i = 1; i < c.trace().size(); i++) {
            assertTrue(c.trace().get(i).distortion() <= c.trace().get(i - 1).distortion() * (1 + 1e-9),
                    "iteration " + (i + 1));
        }
        assertEquals(c.iterations(), c.trace().size());
    }

    @Test
    void kLargerThanRowCountIsRejectedBeforeWork() {
        Fixtures.Labelled blobs = Fixtures.blobs(2, 3, 2, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(KMeansOptions.defaults(7)).fit(blobs.points(), 1));
        assertTrue(e.getMessage().contains("k = 7"), e.getMessage());
    }

    @Test
    void optionsNameTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansOptions.defaults(0));
        assertEquals("k must be >= 1, was 0", e.getMessage());
    }

    @Test
    void misspeltNamesSuggestTheNearestOne() {
        IllegalArgumentException init = assertThrows(IllegalArgumentException.class,
                () -> Initialization.fromName("kmeans++"));
        assertTrue(init.getMessage().startsWith("unknown initialisation 'kmeans++' (did you mean 'k-means++'?)"),
                init.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> EmptyClusterPolicy.fromName("farthest-points"));
        assertTrue(policy.getMessage().contains("(did you mean 'farthest-point'?)"), policy.getMessage());
        IllegalArgumentException nothingClose = assertThrows(IllegalArgumentException.class,
                () -> ToleranceMode.fromName("banana"));
        assertTrue(!nothingClose.getMessage().contains("did you mean"), nothingClose.getMessage());
    }
}
