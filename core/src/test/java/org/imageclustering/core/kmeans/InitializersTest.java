package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class InitializersTest {
    private static final Fixtures.Labelled BLOBS = Fixtures.blobs(10, 500, 12, 30, 4);

    /** How many true blobs got at least one starting centre. */
    private static int blobsHit(FloatMatrix centers) {
        Set<Integer> hit = new HashSet<>();
        int[] labels = new int[centers.rows()];
        // the nearest data row of each centre tells which blob it sits in
        for (int c = 0; c < centers.rows(); c++) {
            int best = 0;
            for (int i = 1; i < BLOBS.points().rows(); i++) {
                if (SquaredEuclidean.distance(BLOBS.points(), i, centers, c)
                        < SquaredEuclidean.distance(BLOBS.points(), best, centers, c)) {
                    best = i;
                }
            }
            labels[c] = BLOBS.labels()[best];
            hit.add(labels[c]);
        }
        return hit.size();
    }

    @Test
    void seedingMethodsAreTheSameAtAnyThreadCount() {
        try (Parallelism p = Parallelism.of(3)) {
            for (long seed = 1; seed <= 3; seed++) {
                assertEquals(Initializers.kMeansPlusPlus(BLOBS.points(), 10, seed),
                        Initializers.kMeansPlusPlus(BLOBS.points(), 10, seed, p));
                assertEquals(Initializers.kMeansParallel(BLOBS.points(), 10, seed),
                        Initializers.kMeansParallel(BLOBS.points(), 10, seed, p));
            }
        }
    }

    @Test
    void kMeansPlusPlusAndParallelSpreadCentresOverSeparatedBlobs() {
        // Uniform picks of 10 rows from 10 equal blobs hit all 10 with probability 10!/10^10 (0.04%).
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(10, blobsHit(Initializers.kMeansPlusPlus(BLOBS.points(), 10, seed)), "k-means++ seed " + seed);
            assertEquals(10, blobsHit(Initializers.kMeansParallel(BLOBS.points(), 10, seed)), "k-means|| seed " + seed);
        }
        int uniformAllHit = 0;
        for (long seed = 1; seed <= 5; seed++) {
            uniformAllHit += blobsHit(Initializers.randomPoints(BLOBS.points(), 10, seed)) == 10 ? 1 : 0;
        }
        assertTrue(uniformAllHit < 5, "the test must be able to tell seeding methods apart");
    }

    @Test
    void randomGaussianMatchesTheDataMomentsPerFeature() {
        FloatMatrix c = Initializers.randomGaussian(BLOBS.points(), 4000, 2);
        double mean = 0;
        for (int i = 0; i < 4000; i++) {
            mean += c.get(i, 0);
        }
        mean /= 4000;
        double dataMean = 0;
        for (int i = 0; i < BLOBS.points().rows(); i++) {
            dataMean += BLOBS.points().get(i, 0);
        }
        dataMean /= BLOBS.points().rows();
        assertEquals(dataMean, mean, 0.5); // feature sd is about 9; 4000 draws give se 0.15
    }

    @Test
    void randomPointsAreDistinctRows() {
        FloatMatrix tiny = Fixtures.blobs(2, 3, 2, 5, 1).points();
        FloatMatrix c = Initializers.randomPoints(tiny, 6, 9);
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            rows.add(java.util.Arrays.toString(c.row(i)));
        }
        assertEquals(6, rows.size());
    }
}
