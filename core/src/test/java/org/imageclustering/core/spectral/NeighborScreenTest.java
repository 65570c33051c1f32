package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar neighbour screen against the Vector API one, in this JVM on the same values: from any
 * start, the vector screen stops at the group that holds the scalar screen's first candidate, so
 * the scan offers the same candidates, with values equal to a threshold, infinities and NaN (the
 * diagonal's unused half).
 */
class NeighborScreenTest {
    @Test
    void theVectorScreenStopsAtTheGroupOfTheScalarScreensFirstCandidate() throws ReflectiveOperationException {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "needs --add-modules jdk.incubator.vector");
        NeighborScreen vector = (NeighborScreen) Class.forName(getClass().getPackageName() + ".VectorNeighborScreen")
                .getDeclaredConstructor().newInstance();
        NeighborScreen scalar = new NeighborScreen.Scalar();
        int step = vector.step();
        SplittableRandom rng = new SplittableRandom(3);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, 0.0};
        for (int trial = 0; trial < 2000; trial++) {
            int rb = 1 + rng.nextInt(5 * step + 3);
            int row = rng.nextInt(4);
            double[] block = new double[row + rb];
            double[] threshold = new double[rb];
            for (int j = 0; j < rb; j++) {
                // few candidates: most values far above both thresholds
                block[row + j] = rng.nextInt(50) == 0 ? special[rng.nextInt(3)] : 1 + rng.nextInt(200);
                threshold[j] = rng.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rng.nextInt(120);
            }
            double limit = rng.nextInt(120);
            int upper = rb - rb % step;
            for (int from = 0; from < upper; from += step) {
                int first = scalar.next(block, row, threshold, limit, from, upper);
                int want = first == upper ? upper : first - first % step;
                assertEquals(want, vector.next(block, row, threshold, limit, from, upper),
                        "trial " + trial + ", from " + from);
            }
        }
    }
}
