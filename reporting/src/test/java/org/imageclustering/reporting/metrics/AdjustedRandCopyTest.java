package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.imageclustering.testing.AdjustedRand;
import org.junit.jupiter.api.Test;

/**
 * Core's tests judge clusterings with the test-support copy of the adjusted Rand index (core cannot
 * reach this module); it must agree with the metric reports use.
 */
class AdjustedRandCopyTest {
    @Test
    void testSupportCopyAgreesWithTheMetricOnRandomAndRelabelledPartitions() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rng.nextInt(300);
            int ka = 1 + rng.nextInt(8);
            int kb = 1 + rng.nextInt(8);
            int[] a = new int[n];
            int[] b = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(ka);
                // half the trials: b is a noisy relabelling of a, so high agreement is covered too
                b[i] = trial % 2 == 0 ? rng.nextInt(kb) : (rng.nextInt(10) == 0 ? rng.nextInt(ka) : (a[i] + 1) % ka);
            }
            assertEquals(AdjustedRandIndex.between(a, b), AdjustedRand.of(a, b), 1e-12, "trial " + trial);
        }
    }

    @Test
    void testSupportCopyAgreesOnTheDegenerateCases() {
        int[] one = {0, 0, 0, 0};
        int[] each = {0, 1, 2, 3};
        int[] pairs = {0, 0, 1, 1};
        int[][] cases = {one, each, pairs};
        for (int[] a : cases) {
            for (int[] b : cases) {
                assertEquals(AdjustedRandIndex.between(a, b), AdjustedRand.of(a, b), 1e-12);
            }
        }
    }
}
