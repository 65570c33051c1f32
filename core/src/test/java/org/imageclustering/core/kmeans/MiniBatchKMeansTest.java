package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {
    @Test
    void miniBatchRecoversWellSeparatedBlobs() {
        Fixtures.Labelled blobs = Fixtures.blobs(5, 400, 8, 12, 3);
        Clustering c = new MiniBatchKMeans(MiniBatchKMeansOptions.defaults(5).withBatchSize(100)).fit(blobs.points(), 4);
        assertEquals(1.0, Fixtures.adjustedRand(blobs.labels(), c.labels()), 1e-12);
        assertArrayEquals(c.predict(blobs.points()), c.labels());
        assertTrue(c.trace().size() >= 1);
    }

    @Test
    void miniBatchIsDeterministicAtAnyThreadCount() {
        FloatMatrix data = Fixtures.blobs(8, 300, 10, 2, 5).points();
        MiniBatchKMeans mb = new MiniBatchKMeans(MiniBatchKMeansOptions.defaults(8).withBatchSize(200));
        Clustering one = mb.fit(data, 6);
        try (Parallelism p = Parallelism.of(3)) {
            Clustering three = mb.fit(data, new FitContext(6, p, FitListener.NONE));
            assertArrayEquals(one.labels(), three.labels());
            assertEquals(one.centroids(), three.centroids());
            assertEquals(Double.doubleToLongBits(one.distortion()), Double.doubleToLongBits(three.distortion()));
        }
    }

    @Test
    void earlyStopOnSmoothedDistortionEndsLongBeforeTheBudget() {
        FloatMatrix data = Fixtures.blobs(4, 500, 6, 10, 8).points();
        MiniBatchKMeansOptions options = MiniBatchKMeansOptions.defaults(4).withBatchSize(50).withStopping(100, 0, 5);
        Clustering c = new MiniBatchKMeans(options).fit(data, 2);
        assertEquals(StopReason.NO_IMPROVEMENT, c.stopReason());
        long steps = (Long) c.diagnostics().get("steps");
        assertTrue(steps < 100L * 2000 / 50, "stopped after " + steps + " steps");
        Clustering budget = new MiniBatchKMeans(options.withStopping(2, 0, 0)).fit(data, 2);
        assertEquals(StopReason.MAX_ITERATIONS, budget.stopReason());
        assertEquals(2 * 2000 / 50L, budget.diagnostics().get("steps"));
    }

    @Test
    void starvingCentresAreReassignedToBatchRows() {
        // Start with one centre far from all data: it never wins a row, so it must be reassigned.
        FloatMatrix data = Fixtures.blobs(3, 300, 4, 10, 9).points();
        float[] start = Initializers.randomPoints(data, 3, 1).data().clone();
        for (int j = 0; j < 4; j++) {
            start[2 * 4 + j] = 1e4f;
        }
        MiniBatchKMeansOptions options = MiniBatchKMeansOptions.defaults(3).withBatchSize(64)
                .withInit(Initialization.GIVEN, FloatMatrix.wrap(3, 4, start));
        Clustering c = new MiniBatchKMeans(options).fit(data, 3);
        assertTrue((Long) c.diagnostics().get("reassigned_centres") >= 1);
        for (int s : c.sizes()) {
            assertTrue(s > 0, "every centre ends with rows");
        }
        Clustering none = new MiniBatchKMeans(options.withReassignmentRatio(0)).fit(data, 3);
        assertEquals(0L, none.diagnostics().get("reassigned_centres"));
        assertEquals(0, none.sizes()[2]);
    }
}
