package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class KMeansVariantsTest {
    /** Overlapping blobs: many iterations, many label changes, chunks with and without changes. */
    private static final FloatMatrix DATA = Fixtures.blobs(12, 450, 16, 2.5, 17).points();

    private static Clustering fit(KMeansOptions options, int threads, long seed) {
        try (Parallelism p = Parallelism.of(threads)) {
            return new KMeans(options).fit(DATA, new FitContext(seed, p, FitListener.NONE));
        }
    }

    private static void assertSameResult(Clustering a, Clustering b, String what) {
        assertArrayEquals(a.labels(), b.labels(), what + ": labels");
        assertEquals(a.centroids(), b.centroids(), what + ": centroids");
        assertEquals(Double.doubleToLongBits(a.distortion()), Double.doubleToLongBits(b.distortion()),
                what + ": distortion bits");
        assertEquals(a.iterations(), b.iterations(), what + ": iterations");
        assertEquals(a.stopReason(), b.stopReason(), what + ": stop reason");
        for (int i = 0; i < a.trace().size(); i++) {
            assertEquals(Double.doubleToLongBits(a.trace().get(i).distortion()),
                    Double.doubleToLongBits(b.trace().get(i).distortion()), what + ": trace distortion " + i);
            assertEquals(a.trace().get(i).reassignments(), b.trace().get(i).reassignments(), what + ": reassignments " + i);
        }
    }

    @Test
    void lloydGivesIdenticalBitsAtOneTwoAndEightThreads() {
        KMeansOptions options = KMeansOptions.defaults(12).withVariant(KMeansVariant.LLOYD).withRestarts(2);
        Clustering one = fit(options, 1, 5);
        assertTrue(one.iterations() > 5, "the fixture should need several iterations, took " + one.iterations());
        assertSameResult(one, fit(options, 2, 5), "2 threads");
        assertSameResult(one, fit(options, 8, 5), "8 threads");
    }

    @Test
    void acceleratedVariantsEqualLloydFromTheSameStartAndSaveDistances() {
        for (Initialization init : new Initialization[] {Initialization.KMEANS_PLUS_PLUS, Initialization.RANDOM_GAUSSIAN}) {
            KMeansOptions options = KMeansOptions.defaults(12).withInit(init).withTolerance(0, ToleranceMode.CENTER_SHIFT);
            Clustering lloyd = fit(options.withVariant(KMeansVariant.LLOYD), 2, 9);
            for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
                Clustering fast = fit(options.withVariant(v), 2, 9);
                String what = init.yamlName() + " " + v.yamlName();
                assertSameResult(lloyd, fast, what);
                assertEquals(StopReason.NO_REASSIGNMENT, fast.stopReason());
                assertEquals(v.yamlName(), fast.diagnostics().get("variant"));
                long saved = (Long) fast.diagnostics().get("distance_computations_saved");
                long lloydWork = (Long) fast.diagnostics().get("distance_computations_lloyd");
                assertEquals(lloydWork, (Long) lloyd.diagnostics().get("distance_computations"));
                assertTrue(saved > lloydWork / 3, what + " should skip most distances, saved " + saved + " of " + lloydWork);
                assertSameResult(fast, fit(options.withVariant(v), 8, 9), what + " at 8 threads");
            }
        }
    }

    @Test
    void elkanWithManyCrowdedCentresEqualsLloydAndSkipsMoreThanHamerly() {
        // 40 and 120 centres on 12 overlapping blobs: several centres per blob, many label changes,
        // so the per-centre bounds (kept as value plus drift) are widened and reset many times, and
        // open rows go both to the block kernel and (few rivals among many centres) to the few-pair one
        for (int k : new int[] {40, 120}) {
            KMeansOptions options = KMeansOptions.defaults(k).withTolerance(0, ToleranceMode.CENTER_SHIFT);
            Clustering lloyd = fit(options.withVariant(KMeansVariant.LLOYD), 1, 4);
            assertTrue(lloyd.iterations() > 10, "should need many iterations, took " + lloyd.iterations());
            Clustering elkan = fit(options.withVariant(KMeansVariant.ELKAN), 2, 4);
            assertSameResult(lloyd, elkan, "elkan, " + k + " centres");
            assertSameResult(elkan, fit(options.withVariant(KMeansVariant.ELKAN), 8, 4), "elkan at 8 threads, k=" + k);
            long saved = (Long) elkan.diagnostics().get("distance_computations_saved");
            long hamerlySaved = (Long) fit(options.withVariant(KMeansVariant.HAMERLY), 2, 4).diagnostics()
                    .get("distance_computations_saved");
            assertTrue(saved > hamerlySaved, "per-centre bounds should skip more than one bound: " + saved + " vs "
                    + hamerlySaved);
        }
    }

    @Test
    void lloydWithItsRowLaneKernelEqualsTheBoundedVariants() {
        // k <= 10 and at least 15 iterations allowed: Lloyd copies the data into row blocks; the
        // bounded variants never do, so equal results mean the two kernels agree bit for bit.
        KMeansOptions options = KMeansOptions.defaults(8).withTolerance(0, ToleranceMode.CENTER_SHIFT);
        Clustering lloyd = fit(options.withVariant(KMeansVariant.LLOYD), 2, 4);
        assertEquals(Boolean.TRUE, lloyd.diagnostics().get("row_lane_kernel"));
        assertSameResult(lloyd, fit(options.withVariant(KMeansVariant.HAMERLY), 1, 4), "hamerly, k=8");
        assertSameResult(lloyd, fit(options.withVariant(KMeansVariant.ELKAN), 8, 4), "elkan at 8 threads, k=8");
        Clustering shortRun = fit(options.withVariant(KMeansVariant.LLOYD)
                .withMaxIterations(KMeansBlock.ROW_BLOCKS_MIN_ITERATIONS - 1), 2, 4);
        assertEquals(Boolean.FALSE, shortRun.diagnostics().get("row_lane_kernel"));
    }

    @Test
    void autoPicksElkanWhileItsBoundsAreSmallElseHamerly() {
        assertEquals(KMeansVariant.LLOYD, KMeansVariant.AUTO.resolve(60_000, 1, 784));
        assertEquals(KMeansVariant.ELKAN, KMeansVariant.AUTO.resolve(60_000, 10, 784));
        assertEquals(KMeansVariant.ELKAN, KMeansVariant.AUTO.resolve(60_000, 50, 784));
        assertEquals(KMeansVariant.HAMERLY, KMeansVariant.AUTO.resolve(10_000_000, 50, 784));
        assertEquals(KMeansVariant.HAMERLY, KMeansVariant.HAMERLY.resolve(60_000, 50, 784));
    }

    @Test
    void aBudgetStopReturnsTheLastAssignmentWithTheMeansOfItsClusters() {
        Clustering three = fit(KMeansOptions.defaults(12).withMaxIterations(3), 2, 3);
        Clustering four = fit(KMeansOptions.defaults(12).withMaxIterations(4), 2, 3);
        assertEquals(StopReason.MAX_ITERATIONS, three.stopReason());
        // the labels are the assignment to the last iteration's centres, and the centroids then the
        // means of those labels, which are the centres the next iteration assigns to
        assertArrayEquals(three.predict(DATA), four.labels());
        assertEquals(exactDistortion(DATA, three), three.distortion(), 1e-12 * three.distortion());
        FitEndsAtClusterMeansTest.assertOneState(DATA, three, "3 iterations");
        int total = 0;
        for (int s : three.sizes()) {
            total += s;
        }
        assertEquals(DATA.rows(), total);
    }

    @Test
    void centerShiftToleranceUsesMeanFeatureVariance() {
        Clustering loose = fit(KMeansOptions.defaults(12).withTolerance(1e-1, ToleranceMode.CENTER_SHIFT), 1, 4);
        Clustering strict = fit(KMeansOptions.defaults(12).withTolerance(0, ToleranceMode.CENTER_SHIFT), 1, 4);
        assertEquals(StopReason.CENTER_SHIFT_TOLERANCE, loose.stopReason());
        assertTrue(loose.iterations() < strict.iterations());
        double variance = DataSummary.of(DATA, Parallelism.sequential()).meanVariance();
        double lastShift = loose.trace().get(loose.iterations() - 1).centerShift();
        assertTrue(lastShift <= 1e-1 * variance);
        assertTrue(loose.trace().get(loose.iterations() - 2).centerShift() > 1e-1 * variance,
                "stopped at the first iteration that passed");
    }

    @Test
    void relativeDistortionToleranceStopsWhenImprovementIsSmall() {
        Clustering c = fit(KMeansOptions.defaults(12).withTolerance(1e-2, ToleranceMode.RELATIVE_DISTORTION), 1, 4);
        assertEquals(StopReason.DISTORTION_TOLERANCE, c.stopReason());
        int last = c.iterations() - 1;
        double prev = c.trace().get(last - 1).distortion();
        assertTrue((prev - c.trace().get(last).distortion()) / prev <= 1e-2);
    }

    @Test
    void traceDistortionIsTheDistortionOfEachAssignment() {
        // Two iterations from a start: iteration 2's assignment uses iteration 1's centroids, the
        // means of the assignment to the start; a fit stopped after one iteration returns that
        // second assignment as its labels.
        FloatMatrix start = Initializers.randomPoints(DATA, 12, 1);
        int n = DATA.rows();
        int d = DATA.cols();
        int[] firstLabels = new int[n];
        SquaredEuclidean.nearest(DATA, 0, n, start, firstLabels, new double[n]);
        double[] sums = new double[12 * d];
        int[] counts = new int[12];
        for (int i = 0; i < n; i++) {
            counts[firstLabels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[firstLabels[i] * d + j] += DATA.get(i, j);
            }
        }
        int[] secondLabels = new KMeans(KMeansOptions.defaults(12).withMaxIterations(1))
                .fitFrom(DATA, start, FitContext.of(0)).labels();
        double expected = 0;
        for (int i = 0; i < n; i++) {
            int c = secondLabels[i];
            for (int j = 0; j < d; j++) {
                double diff = (double) DATA.get(i, j) - (float) (sums[c * d + j] / counts[c]);
                expected += diff * diff;
            }
        }
        Clustering two = new KMeans(KMeansOptions.defaults(12).withMaxIterations(2)).fitFrom(DATA, start, FitContext.of(0));
        // The trace sums in double from the centre sums (||x||^2 - 2 c.S + n ||c||^2).
        assertEquals(expected, two.trace().get(1).distortion(), 1e-9 * expected);
    }

    @Test
    void restartsKeepTheLowestDistortion() {
        KMeansOptions options = KMeansOptions.defaults(12).withInit(Initialization.RANDOM_POINTS).withRestarts(4);
        Clustering best = fit(options, 1, 21);
        @SuppressWarnings("unchecked")
        java.util.List<Double> all = (java.util.List<Double>) best.diagnostics().get("restart_distortions");
        assertEquals(4, all.size());
        double min = all.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(min, best.distortion());
        assertEquals(all.indexOf(min), best.diagnostics().get("best_restart"));
    }

    @Test
    void nonFiniteDataIsRejectedNamingRowAndColumn() {
        float[] x = new float[20 * 3];
        x[7 * 3 + 2] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(KMeansOptions.defaults(2)).fit(FloatMatrix.wrap(20, 3, x), 1));
        assertTrue(e.getMessage().contains("row 7, column 2"), e.getMessage());
    }

    @Test
    void infiniteDataIsRejectedNamingRowAndColumnWhateverTheRow() {
        for (int row : new int[] {0, 19}) {
            float[] x = new float[20 * 3];
            x[row * 3 + 1] = row == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            KMeans kmeans = new KMeans(KMeansOptions.defaults(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kmeans.fitFrom(FloatMatrix.wrap(20, 3, x), FloatMatrix.zeros(2, 3), new FitContext(1, Parallelism.sequential(), FitListener.NONE)));
            assertTrue(e.getMessage().contains("row " + row + ", column 1"), e.getMessage());
        }
    }

    @Test
    void givenCentroidsWithTheWrongWidthAreRejectedBeforeWork() {
        FloatMatrix start = FloatMatrix.zeros(12, 15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(KMeansOptions.defaults(12).withGivenCentroids(start)).fit(DATA, 1));
        assertTrue(e.getMessage().contains("15 columns") && e.getMessage().contains("16 features"), e.getMessage());
    }

    /** Sum of squared distances to the assigned centroids, every term in double. */
    private static double exactDistortion(FloatMatrix x, Clustering c) {
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double diff = (double) x.get(i, j) - c.centroids().get(c.labels()[i], j);
                sum += diff * diff;
            }
        }
        return sum;
    }
}
