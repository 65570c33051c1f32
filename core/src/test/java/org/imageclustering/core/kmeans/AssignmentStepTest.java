package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class AssignmentStepTest {
    /**
     * 3,000 rows: three chunks of the engine (1,024 rows each), so blocks can straddle chunks. The
     * values are scaled by powers of two from 2^-12 to 2^12, so that float64 sums round and a sum
     * made in another grouping would show in the bits.
     */
    private static final FloatMatrix DATA = scattered(Fixtures.blobs(8, 375, 9, 2.0, 31).points());
    private static final int K = 7;

    private static FloatMatrix scattered(FloatMatrix blobs) {
        float[] x = blobs.data().clone();
        SplittableRandom rng = new SplittableRandom(5);
        for (int v = 0; v < x.length; v++) {
            x[v] = Math.scalb(x[v], rng.nextInt(25) - 12);
        }
        return FloatMatrix.wrap(blobs.rows(), blobs.cols(), x);
    }

    private static int[] randomCuts(int n, int blocks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] cuts = new int[blocks + 1];
        for (int b = 1; b < blocks; b++) {
            cuts[b] = rng.nextInt(n + 1);
        }
        cuts[blocks] = n;
        Arrays.sort(cuts);
        return cuts;
    }

    /** One pass of the public step over the given consecutive blocks, then the combination. */
    private static long passOverBlocks(AssignmentStep step, int[] cuts, float[] centres, ClusterSums sums) {
        Centers prepared = Centers.of(FloatMatrix.wrap(K, DATA.cols(), centres));
        for (int b = 0; b + 1 < cuts.length; b++) {
            step.assign(cuts[b], cuts[b + 1], prepared);
        }
        sums.combine(List.of(step.partials()), Parallelism.sequential());
        return step.partials().takeChanged();
    }

    /** One pass the way the engine makes it: chunk by chunk, in parallel. */
    private static void passOverChunks(AssignmentStep step, float[] centres, ClusterSums sums, Parallelism parallel) {
        Centers prepared = Centers.of(FloatMatrix.wrap(K, DATA.cols(), centres));
        parallel.forEach(DATA.rows(), step.chunkSize, (s, e) -> step.assign(s, e, prepared));
        sums.combine(List.of(step.partials()), parallel);
        step.partials().takeChanged();
    }

    private static ClusterSums copy(ClusterSums sums) {
        ClusterSums copy = new ClusterSums(K, DATA.cols());
        System.arraycopy(sums.totals, 0, copy.totals, 0, sums.totals.length);
        System.arraycopy(sums.counts, 0, copy.counts, 0, K);
        return copy;
    }

    private static void assertSameSums(ClusterSums expected, ClusterSums actual, String what) {
        for (int c = 0; c < K; c++) {
            assertEquals(expected.count(c), actual.count(c), what + ": count of cluster " + c);
            for (int j = 0; j < DATA.cols(); j++) {
                assertEquals(Double.doubleToLongBits(expected.sum(c, j)), Double.doubleToLongBits(actual.sum(c, j)),
                        what + ": sum of cluster " + c + ", feature " + j);
            }
        }
    }

    @Test
    void theStepOverArbitraryBlocksCombinedInOrderReproducesTheEnginesFit() {
        int n = DATA.rows();
        int d = DATA.cols();
        FloatMatrix start = Initializers.randomPoints(DATA, K, 3);
        DataSummary summary = DataSummary.of(DATA, Parallelism.sequential());
        int chunk = AssignmentStep.chunkSize(n, K, d);
        assertTrue(Parallelism.chunkCount(n, chunk) >= 3, "the fixture should span several chunks");
        // One iteration and the final assignment: labels, sums from scratch, then changes only.
        KMeans oneIteration = new KMeans(KMeansOptions.defaults(K).withMaxIterations(1).withVariant(KMeansVariant.LLOYD));
        Clustering engine;
        // The engine's own shape of the two passes: its chunks, in parallel.
        ClusterSums afterFirst;
        ClusterSums afterSecond;
        try (Parallelism two = Parallelism.of(2)) {
            engine = oneIteration.fitFrom(DATA, start, new FitContext(1, two, FitListener.NONE));
            AssignmentStep chunked = new AssignmentStep(DATA, summary.rowNorms(), K, chunk);
            ClusterSums sums = new ClusterSums(K, d);
            float[] centres = start.data().clone();
            passOverChunks(chunked, centres, sums, two);
            afterFirst = copy(sums);
            sums.updateCentres(centres, new double[K], false);
            passOverChunks(chunked, centres, sums, two);
            afterSecond = copy(sums);
            sums.moveToMeans(centres, false);
            assertEquals(engine.centroids(), FloatMatrix.wrap(K, d, centres), "centroids by chunks");
        }
        for (long seed = 0; seed < 6; seed++) {
            AssignmentStep step = new AssignmentStep(DATA, summary.rowNorms(), K, chunk);
            ClusterSums sums = new ClusterSums(K, d);
            float[] centres = start.data().clone();
            long changed = passOverBlocks(step, randomCuts(n, 1 + (int) seed * 3, seed), centres, sums);
            assertSameSums(afterFirst, sums, "first pass, blocks of seed " + seed);
            assertEquals(n, changed, "the first pass labels every row");
            assertEquals(Double.doubleToLongBits(engine.trace().get(0).distortion()),
                    Double.doubleToLongBits(sums.distortion(centres, summary.totalSquaredNorm())),
                    "first distortion, blocks of seed " + seed);
            sums.updateCentres(centres, new double[K], false);
            assertTrue(passOverBlocks(step, randomCuts(n, 5, seed + 100), centres, sums) > 0,
                    "the second pass should move rows");
            assertSameSums(afterSecond, sums, "second pass, blocks of seed " + seed);
            sums.moveToMeans(centres, false);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = step.label(i);
            }
            assertArrayEquals(engine.labels(), labels, "labels, blocks of seed " + seed);
            assertEquals(engine.centroids(), FloatMatrix.wrap(K, d, centres), "centroids, blocks of seed " + seed);
            assertArrayEquals(engine.sizes(), sums.sizes(), "sizes, blocks of seed " + seed);
            assertEquals(Double.doubleToLongBits(engine.distortion()),
                    Double.doubleToLongBits(sums.distortion(centres, summary.totalSquaredNorm())),
                    "final distortion, blocks of seed " + seed);
        }
    }

    @Test
    void stepsOnSeparateBlocksThatStartAtChunkBoundariesCombineToTheSameSums() {
        // The shape of a distributed pass: each block has its own rows, norms and step, with the
        // whole data set's chunk size, and the driver combines their partials in block order.
        int n = DATA.rows();
        int d = DATA.cols();
        float[] centres = Initializers.randomPoints(DATA, K, 8).data();
        double[] norms = SquaredEuclidean.squaredNorms(DATA, Parallelism.sequential());
        int chunk = AssignmentStep.chunkSize(n, K, d);
        AssignmentStep whole = new AssignmentStep(DATA, norms, K, chunk);
        ClusterSums expected = new ClusterSums(K, d);
        passOverBlocks(whole, new int[] {0, n}, centres, expected);

        int[] bounds = {0, chunk, 3 * chunk > n ? n : 3 * chunk, n};
        Centers prepared = Centers.of(FloatMatrix.wrap(K, d, centres));
        ChunkPartials[] parts = new ChunkPartials[bounds.length - 1];
        for (int b = 0; b + 1 < bounds.length; b++) {
            int from = bounds[b];
            int to = bounds[b + 1];
            FloatMatrix rows = FloatMatrix.wrap(to - from, d, Arrays.copyOfRange(DATA.data(), from * d, to * d));
            AssignmentStep block = new AssignmentStep(rows, Arrays.copyOfRange(norms, from, to), K, chunk);
            block.assign(0, to - from, prepared);
            parts[b] = block.partials();
            for (int i = from; i < to; i++) {
                assertEquals(whole.label(i), block.label(i - from), "label of row " + i);
            }
        }
        ClusterSums combined = new ClusterSums(K, d);
        try (Parallelism two = Parallelism.of(2)) {
            combined.combine(Arrays.asList(parts), two);
        }
        assertSameSums(expected, combined, "blocks at chunk boundaries");
    }

    @Test
    void everyVariantAndMiniBatchFitIdenticallyAtOneAndTwoThreads() {
        KMeansOptions options = KMeansOptions.defaults(K).withRestarts(2).withTolerance(0, ToleranceMode.CENTER_SHIFT);
        for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            assertSameFit(new KMeans(options.withVariant(v)), v.yamlName());
        }
        assertSameFit(new MiniBatchKMeans(MiniBatchKMeansOptions.defaults(K)), "mini-batch");
    }

    private static void assertSameFit(ClusteringAlgorithm algorithm, String what) {
        Clustering one = fit(algorithm, 1);
        Clustering two = fit(algorithm, 2);
        assertArrayEquals(one.labels(), two.labels(), what + ": labels");
        assertEquals(one.centroids(), two.centroids(), what + ": centroids");
        assertEquals(Double.doubleToLongBits(one.distortion()), Double.doubleToLongBits(two.distortion()),
                what + ": distortion");
        assertEquals(one.iterations(), two.iterations(), what + ": iterations");
        assertEquals(one.trace().size(), two.trace().size(), what + ": trace length");
        for (int i = 0; i < one.trace().size(); i++) {
            assertEquals(Double.doubleToLongBits(one.trace().get(i).distortion()),
                    Double.doubleToLongBits(two.trace().get(i).distortion()), what + ": trace distortion " + i);
            assertEquals(Double.doubleToLongBits(one.trace().get(i).centerShift()),
                    Double.doubleToLongBits(two.trace().get(i).centerShift()), what + ": trace shift " + i);
            assertEquals(one.trace().get(i).reassignments(), two.trace().get(i).reassignments(),
                    what + ": reassignments " + i);
        }
        assertEquals(withoutTimes(one.diagnostics()), withoutTimes(two.diagnostics()), what + ": diagnostics");
    }

    private static Clustering fit(ClusteringAlgorithm algorithm, int threads) {
        try (Parallelism p = Parallelism.of(threads)) {
            return algorithm.fit(DATA, new FitContext(17, p, FitListener.NONE));
        }
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> diagnostics) {
        Map<String, Object> kept = new TreeMap<>(diagnostics);
        kept.keySet().removeIf(key -> key.endsWith("_seconds"));
        return kept;
    }

    @Test
    void theStepRejectsRowsOutsideItsBlockAndCentresOfAnotherK() {
        double[] norms = SquaredEuclidean.squaredNorms(DATA, Parallelism.sequential());
        AssignmentStep step = new AssignmentStep(DATA, norms, K, 1024);
        Centers centres = Centers.of(Initializers.randomPoints(DATA, K, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step.assign(10, DATA.rows() + 1, centres));
        assertEquals("rows [10, 3001) are not within [0, 3000)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> step.assign(0, 10, Centers.of(Initializers.randomPoints(DATA, K + 1, 1))));
        assertEquals("the step was made for 7 centres, got 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AssignmentStep(DATA, Arrays.copyOf(norms, 5), K, 1024));
        assertEquals("rowNorms has 5 entries but there are 3000 rows", e.getMessage());
    }
}
