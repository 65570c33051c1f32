package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.spectral.SpectralClustering;
import org.imageclustering.core.spectral.SpectralOptions;
import org.junit.jupiter.api.Test;

/**
 * Every fit ends in one state: the centroids are the means of the rows labelled with them, the
 * sizes count those rows and the distortion is their squared distance to them. The fixture that
 * used to break it: exact duplicate rows, random-points starts (which pick the same value twice)
 * and K equal to the number of distinct rows, so empty clusters are relocated near the end.
 */
class FitEndsAtClusterMeansTest {
    /** Distinct rows (values on a 1/8 grid, so every mean of duplicates is exact in float32). */
    private static final float[][] DISTINCT = {
            {0.25f, 0.75f}, {0.25f, 0.375f}, {0.5f, 0.75f}, {0.25f, 0.125f}, {0.25f, 0.625f}, {0.125f, 0f}};
    /** How often each distinct row repeats: uneven, so random-points starts often repeat a value. */
    private static final int[] COPIES = {2, 6, 5, 3, 4, 6};
    private static final FloatMatrix DATA = duplicates();
    private static final int K = DISTINCT.length;
    private static final long SEEDS = 40;

    private static FloatMatrix duplicates() {
        int n = 0;
        for (int c : COPIES) {
            n += c;
        }
        int d = DISTINCT[0].length;
        float[] x = new float[n * d];
        int row = 0;
        // interleaved, so that duplicates are not neighbours in row order
        for (int round = 0; row < n; round++) {
            for (int v = 0; v < DISTINCT.length; v++) {
                if (round < COPIES[v]) {
                    System.arraycopy(DISTINCT[v], 0, x, row++ * d, d);
                }
            }
        }
        return FloatMatrix.wrap(n, d, x);
    }

    /**
     * The labels, centroids, sizes and distortion of {@code c} describe one state of {@code data}
     * (and a k-means fixed point labels every row by its nearest centroid; spectral clustering's
     * stop reason is that of its k-means on the embedding, so this part does not apply to it).
     */
    static void assertOneState(FloatMatrix data, Clustering c, String what) {
        int n = data.rows();
        int d = data.cols();
        int k = c.k();
        double[] sums = new double[k * d];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            int l = c.labels()[i];
            sizes[l]++;
            for (int j = 0; j < d; j++) {
                sums[l * d + j] += data.get(i, j);
            }
        }
        assertArrayEquals(sizes, c.sizes(), what + ": sizes count the labels");
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < d && sizes[l] > 0; j++) {
                assertEquals((float) (sums[l * d + j] / sizes[l]), c.centroids().get(l, j), 1e-6,
                        what + ": centroid " + l + " feature " + j + " is the mean of its " + sizes[l] + " rows");
            }
        }
        double distortion = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = (double) data.get(i, j) - c.centroids().get(c.labels()[i], j);
                distortion += diff * diff;
            }
        }
        assertEquals(distortion, c.distortion(), 1e-9 + 1e-9 * distortion, what + ": distortion of the labels");
        if (c.stopReason() == StopReason.NO_REASSIGNMENT && !c.diagnostics().containsKey("embedding_distortion")) {
            assertArrayEquals(c.predict(data), c.labels(), what + ": a fixed point labels every row by its nearest centroid");
        }
    }

    private static Clustering fit(KMeansOptions options, long seed) {
        try (Parallelism p = Parallelism.of(2)) {
            return new KMeans(options).fit(DATA, new FitContext(seed, p, FitListener.NONE));
        }
    }

    private static KMeansOptions randomPoints() {
        return KMeansOptions.defaults(K).withInit(Initialization.RANDOM_POINTS);
    }

    @Test
    void everyExactVariantEndsAtTheMeansForEveryStopReason() {
        Set<StopReason> seen = EnumSet.noneOf(StopReason.class);
        for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            KMeansOptions base = randomPoints().withVariant(variant);
            KMeansOptions[] stops = {
                    base, // the defaults: tolerance 1e-4 on the centre shift
                    base.withTolerance(0, ToleranceMode.CENTER_SHIFT), // runs to no reassignment
                    base.withMaxIterations(1), base.withMaxIterations(2), base.withMaxIterations(3),
                    base.withTolerance(10, ToleranceMode.CENTER_SHIFT),
                    base.withTolerance(0.5, ToleranceMode.RELATIVE_DISTORTION),
                    base.withRestarts(3),
                    base.withEmptyClusterPolicy(EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT)};
            for (KMeansOptions options : stops) {
                for (long seed = 0; seed < SEEDS; seed++) {
                    Clustering c = fit(options, seed);
                    seen.add(c.stopReason());
                    assertOneState(DATA, c, variant.yamlName() + " max-iterations " + options.maxIterations()
                            + " tolerance " + options.tolerance() + " " + options.toleranceMode().yamlName()
                            + " restarts " + options.restarts() + " seed " + seed + " (" + c.stopReason() + ")");
                }
            }
        }
        assertEquals(EnumSet.of(StopReason.NO_REASSIGNMENT, StopReason.MAX_ITERATIONS,
                StopReason.CENTER_SHIFT_TOLERANCE, StopReason.DISTORTION_TOLERANCE), seen);
    }

    @Test
    void theDefaultFitOfSeed5NoLongerStopsAsConvergedOffTheMeans() {
        // The case: seed 5 relocated an empty cluster in iteration 2 and stopped in
        // iteration 3 as converged (no reassignment) with centroid 4 at 0.65 instead of 0.625.
        for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            Clustering c = fit(randomPoints().withVariant(variant), 5);
            assertEquals(StopReason.NO_REASSIGNMENT, c.stopReason(), variant.yamlName());
            assertOneState(DATA, c, variant.yamlName() + " seed 5");
        }
    }

    @Test
    void aFitThatStopsWithoutReassignmentIsAFixedPointEvenAfterARelocation() {
        // With K equal to the distinct rows, a fixed point without empty clusters puts each
        // distinct value in its own cluster: distortion 0.
        int fixedPoints = 0;
        for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            for (long seed = 0; seed < SEEDS; seed++) {
                Clustering c = fit(randomPoints().withVariant(variant).withTolerance(0, ToleranceMode.CENTER_SHIFT), seed);
                if (c.stopReason() == StopReason.NO_REASSIGNMENT && !c.diagnostics().containsKey("embedding_distortion")) {
                    fixedPoints++;
                    assertEquals(0.0, c.distortion(), 0.0, variant.yamlName() + " seed " + seed);
                    assertTrue(java.util.Arrays.stream(c.sizes()).allMatch(s -> s > 0), variant.yamlName() + " seed " + seed);
                }
            }
        }
        assertTrue(fixedPoints > SEEDS, "most fits should stop at a fixed point, " + fixedPoints + " did");
    }

    @Test
    void miniBatchEndsAtTheMeansOfItsFinalAssignment() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (MiniBatchKMeansOptions options : new MiniBatchKMeansOptions[] {
                    MiniBatchKMeansOptions.defaults(K).withInit(Initialization.RANDOM_POINTS, null).withBatchSize(4),
                    MiniBatchKMeansOptions.defaults(K).withInit(Initialization.RANDOM_POINTS, null).withBatchSize(8)
                            .withStopping(1, 0, 0)}) {
                try (Parallelism p = Parallelism.of(2)) {
                    Clustering c = new MiniBatchKMeans(options).fit(DATA, new FitContext(seed, p, FitListener.NONE));
                    assertOneState(DATA, c, "mini-batch " + options.batchSize() + " seed " + seed);
                }
            }
        }
    }

    @Test
    void spectralEndsAtTheMeansOfItsClustersInTheInputSpace() {
        for (long seed = 0; seed < 5; seed++) {
            Clustering c = new SpectralClustering(SpectralOptions.defaults(K).withNeighbors(4,
                    SpectralOptions.KnnWeights.CONNECTIVITY)).fit(DATA, FitContext.of(seed));
            assertOneState(DATA, c, "spectral seed " + seed);
            assertTrue(c.diagnostics().containsKey("embedding_distortion"));
        }
    }

    @Test
    void kLargerThanTheDistinctRowsIsWarnedAboutByEveryMethod() {
        String expected = "k = 8 is larger than the number of distinct rows (6 of 26 rows; the others are exact"
                + " duplicates): ";
        for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            for (KMeansOptions options : new KMeansOptions[] {KMeansOptions.defaults(8).withVariant(variant),
                    KMeansOptions.defaults(8).withVariant(variant).withTolerance(0.01, ToleranceMode.RELATIVE_DISTORTION)}) {
                for (long seed = 0; seed < 5; seed++) {
                    Clustering c = fit(options, seed);
                    String what = variant.yamlName() + " " + options.toleranceMode().yamlName() + " seed " + seed;
                    assertEquals(java.util.List.of(expected + "2 clusters are empty; use k <= 6"),
                            c.diagnostics().get(Clustering.WARNINGS), what);
                    assertOneState(DATA, c, what);
                }
            }
        }
        Clustering mini = new MiniBatchKMeans(MiniBatchKMeansOptions.defaults(8).withBatchSize(8)).fit(DATA, 1);
        assertEquals(java.util.List.of(expected + "2 clusters are empty; use k <= 6"),
                mini.diagnostics().get(Clustering.WARNINGS));
        Clustering spectral = new SpectralClustering(SpectralOptions.defaults(8).withNeighbors(4,
                SpectralOptions.KnnWeights.CONNECTIVITY)).fit(DATA, FitContext.of(1));
        Object warnings = spectral.diagnostics().get(Clustering.WARNINGS);
        assertTrue(warnings instanceof java.util.List<?> l && l.size() == 1 && l.get(0).toString().startsWith(expected),
                String.valueOf(warnings));
    }

    @Test
    void kUpToTheDistinctRowsGivesNoWarning() {
        assertEquals(null, fit(randomPoints(), 5).diagnostics().get(Clustering.WARNINGS));
        assertEquals(6, org.imageclustering.core.DistinctRows.count(DATA));
        assertEquals(1, org.imageclustering.core.DistinctRows.count(FloatMatrix.wrap(2, 2, new float[] {0f, 1f, -0f, 1f})));
    }
}
