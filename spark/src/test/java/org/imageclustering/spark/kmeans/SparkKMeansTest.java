package org.imageclustering.spark.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.kmeans.EmptyClusterPolicy;
import org.imageclustering.core.kmeans.Initialization;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.kmeans.ToleranceMode;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.testing.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * K-means with its passes on Spark ({@code local[2]}) gives the local engine's bits: labels,
 * centroids, distortion, trace and diagnostics, for every variant, init and empty-cluster policy,
 * whatever the number of partitions, and when the executors lose the blocks' state mid-fit.
 */
class SparkKMeansTest {
    /** 6,000 rows of 12 overlapping blobs: six chunks of 1,024 rows, many iterations. */
    private static final FloatMatrix DATA = matrix(SyntheticData.blobs(12, 500, 16, 2.0, 23));

    private static FloatMatrix matrix(SyntheticData.Labelled blobs) {
        return FloatMatrix.wrap(blobs.rows(), blobs.cols(), blobs.values());
    }

    private static SparkSession session;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        session = SparkSession.builder().master("local[2]").appName("SparkKMeansTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        session.stop();
    }

    private static Clustering local(KMeansOptions options, long seed) {
        try (Parallelism p = Parallelism.of(2)) {
            return new KMeans(options).fit(DATA, new FitContext(seed, p, FitListener.NONE));
        }
    }

    private static Clustering onSpark(KMeansOptions options, long seed, int partitions, FitListener listener) {
        try (SparkPasses passes = new SparkPasses(sc, partitions); Parallelism p = Parallelism.of(2)) {
            return new KMeans(options, () -> passes).fit(DATA, new FitContext(seed, p, listener));
        }
    }

    static void assertSameFit(Clustering local, Clustering spark, String what) {
        assertArrayEquals(local.labels(), spark.labels(), what + ": labels");
        assertEquals(local.centroids(), spark.centroids(), what + ": centroids");
        assertEquals(Double.doubleToLongBits(local.distortion()), Double.doubleToLongBits(spark.distortion()),
                what + ": distortion bits");
        assertEquals(local.iterations(), spark.iterations(), what + ": iterations");
        assertEquals(local.stopReason(), spark.stopReason(), what + ": stop reason");
        for (int i = 0; i < local.trace().size(); i++) {
            assertEquals(Double.doubleToLongBits(local.trace().get(i).distortion()),
                    Double.doubleToLongBits(spark.trace().get(i).distortion()), what + ": trace distortion " + i);
            assertEquals(local.trace().get(i).reassignments(), spark.trace().get(i).reassignments(),
                    what + ": trace reassignments " + i);
        }
        assertEquals(comparable(local.diagnostics()), comparable(spark.diagnostics()), what + ": diagnostics");
    }

    /** The diagnostics without timings and the local kernel choice (a speed choice of one JVM). */
    private static Map<String, Object> comparable(Map<String, Object> diagnostics) {
        Map<String, Object> out = new TreeMap<>(diagnostics);
        out.remove("init_seconds");
        out.remove("row_lane_kernel");
        return out;
    }

    @Test
    void everyVariantGivesTheLocalBitsWhateverThePartitionCount() {
        for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            KMeansOptions options = KMeansOptions.defaults(12).withVariant(v).withMaxIterations(60);
            Clustering local = local(options, 7);
            assertTrue(local.iterations() > 5, "the fixture should take iterations, took " + local.iterations());
            for (int partitions : new int[] {1, 2, 3, 7}) {
                assertSameFit(local, onSpark(options, 7, partitions, FitListener.NONE),
                        v.yamlName() + " on " + partitions + " partitions");
            }
        }
    }

    @Test
    void restartsInitsAndToleranceModesGiveTheLocalBits() {
        KMeansOptions base = KMeansOptions.defaults(8).withRestarts(3);
        for (Initialization init : new Initialization[] {Initialization.KMEANS_PLUS_PLUS, Initialization.KMEANS_PARALLEL,
                Initialization.RANDOM_POINTS}) {
            KMeansOptions options = base.withInit(init).withTolerance(1e-3, ToleranceMode.RELATIVE_DISTORTION);
            assertSameFit(local(options, 3), onSpark(options, 3, 4, FitListener.NONE), init.yamlName());
        }
    }

    @Test
    void sphericalKMeansGivesTheLocalBits() {
        KMeansOptions options = KMeansOptions.defaults(6).withSpherical(true).withMaxIterations(40);
        assertSameFit(local(options, 11), onSpark(options, 11, 3, FitListener.NONE), "spherical");
    }

    @Test
    void emptyClustersAreRelocatedOntoTheSameRowsAsLocally() {
        // Far-away starting centres win no row: the first update relocates them across blocks.
        float[] c = DATA.selectRows(new int[] {0, 1500, 3000, 4500, 5999, 10}).data();
        for (int j = 0; j < DATA.cols(); j++) {
            c[4 * DATA.cols() + j] = 1e4f;
            c[5 * DATA.cols() + j] = -1e4f;
        }
        FloatMatrix start = FloatMatrix.wrap(6, DATA.cols(), c);
        for (EmptyClusterPolicy policy : new EmptyClusterPolicy[] {EmptyClusterPolicy.FARTHEST_POINT,
                EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT}) {
            KMeansOptions options = KMeansOptions.defaults(6).withEmptyClusterPolicy(policy)
                    .withVariant(KMeansVariant.HAMERLY).withMaxIterations(50);
            Clustering local = new KMeans(options).fitFrom(DATA, start, FitContext.of(1));
            assertEquals(2L, local.diagnostics().get("empty_cluster_relocations"), policy.yamlName());
            Clustering spark;
            try (SparkPasses passes = new SparkPasses(sc, 3)) {
                spark = new KMeans(options, () -> passes).fitFrom(DATA, start, FitContext.of(1));
            }
            assertSameFit(local, spark, policy.yamlName());
        }
    }

    @Test
    void blocksWhoseStateIsLostMidFitReplayToTheSameBits() {
        for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.ELKAN, KMeansVariant.HAMERLY}) {
            KMeansOptions options = KMeansOptions.defaults(12).withVariant(v).withMaxIterations(60);
            Clustering local = local(options, 5);
            AtomicInteger iterations = new AtomicInteger();
            // As a lost executor does: every block forgets its state after iterations 2 and 5.
            FitListener forget = trace -> {
                int i = iterations.incrementAndGet();
                if (i == 2 || i == 5) {
                    ExecutorBlocks.forgetAll();
                }
            };
            assertSameFit(local, onSpark(options, 5, 3, forget), v.yamlName() + " with lost state");
            assertTrue(iterations.get() > 5, "the fit should pass iteration 5");
        }
    }

    @Test
    void theJavaApiExampleOfTheSparkPageRunsAsPrintedAndGivesTheLocalBits() throws java.io.IOException {
        KMeansOptions options = KMeansOptions.defaults(5);
        FloatMatrix data = DATA;
        JavaSparkContext sparkContext = sc;
        long seed = 4;
        try (Parallelism parallel = Parallelism.of(2)) {
            // The page's example, verbatim between the markers.
            // example begin
            Clustering c;
            try (SparkPasses passes = new SparkPasses(sparkContext, 8)) {
                c = new KMeans(options, () -> passes).fit(data, new FitContext(seed, parallel, FitListener.NONE));
            }
            // example end
            assertSameFit(local(options, seed), c, "the documented example");
        }
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "spark.md"));
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "java", "org",
                "imageclustering", "spark", "kmeans", "SparkKMeansTest.java"));
        String example = source.substring(source.indexOf("// example begin") + "// example begin".length(),
                source.indexOf("// example end")).lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
        String block = page.substring(page.indexOf("```java") + "```java".length());
        block = block.substring(0, block.indexOf("```")).lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(example, block, "docs/spark.md's Java example must be the tested one");
    }

    @Test
    void aFitsBlocksAreForgottenOnTheExecutorsWhenItEnds() {
        onSpark(KMeansOptions.defaults(4).withMaxIterations(5), 1, 2, FitListener.NONE);
        assertEquals(0, ExecutorBlocks.runsKept());
    }
}
