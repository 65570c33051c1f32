package org.imageclustering.spark.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.kmeans.ToleranceMode;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our k-means on Spark against Spark MLlib's, from the same starting centres, on the shipped
 * Fashion-MNIST sample (2,000 x 784) with K = 10, on {@code local[2]}.
 *
 * <p>MLlib 4.0.1 takes a start only in the RDD API ({@code mllib.clustering.KMeans#setInitialModel};
 * {@code ml.clustering.KMeans} has no initial model, and for a vector column its default solver
 * runs this same code). Both are Lloyd's iteration, so from one start they visit the same labels;
 * they differ in precision only: MLlib keeps float64 centres, ours are float32 (float64 sums,
 * rounded once per update). The counts match as follows. MLlib's iteration {@code t} assigns to
 * the centres of {@code t - 1} and its {@code trainingCost} is that assignment's cost, which is our
 * trace's distortion of iteration {@code t}; after a budget stop our labels come from one more
 * assignment to the last centres, which is what MLlib's model predicts. At a fixed point every
 * quantity is the same state: labels, cost, centres.
 */
class MllibOracleTest {
    private static final Path SAMPLE = Path.of("..", "data", "fashion-mnist-sample");
    private static final int K = 10;
    private static final long SEED = 7;
    /** Agreement asked of the distortions: float32 against float64 centres moves them by far less. */
    private static final double RELATIVE = 1e-6;

    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static FloatMatrix x;
    private static FloatMatrix start;
    private static JavaRDD<Vector> rows;

    @BeforeAll
    static void startSparkAndLoadTheSample() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("MllibOracleTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("WARN");
        x = new FashionMnistLoader().load(SAMPLE, false).train().features();
        start = Initializers.kMeansPlusPlus(x, K, SEED);
        rows = sc.parallelize(vectors(x), 2).cache();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void budgetStopAgreesWithMllibIterationForIteration() {
        int iterations = 5;
        Clustering ours = oursOnSpark(iterations);
        KMeansModel mllib = mllib(iterations);

        assertEquals(StopReason.MAX_ITERATIONS, ours.stopReason(), "the budget must stop both runs");
        assertEquals(iterations, ours.iterations());
        assertEquals(iterations, mllib.numIter());
        assertEquals(0L, ours.diagnostics().get("empty_cluster_relocations"),
                "no cluster may empty (MLlib keeps an empty centre where it was; we relocate it)");
        double oursLast = ours.trace().get(iterations - 1).distortion();
        assertRelativelyClose(mllib.trainingCost(), oursLast, "cost of the last iteration's assignment");
        assertEquals(0, labelsDiffering(ours.labels(), mllib), "labels of the last centres that differ");
    }

    @Test
    void fixedPointIsMllibsFixedPoint() {
        int budget = 100;
        Clustering ours = oursOnSpark(budget);
        KMeansModel mllib = mllib(budget);

        assertEquals(StopReason.NO_REASSIGNMENT, ours.stopReason(), "ours must reach a fixed point within the budget");
        assertEquals(ours.iterations(), mllib.numIter(), "iterations to the fixed point");
        assertEquals(0L, ours.diagnostics().get("empty_cluster_relocations"));
        assertEquals(0, labelsDiffering(ours.labels(), mllib), "labels that differ");
        assertRelativelyClose(mllib.computeCost(rows.rdd()), ours.distortion(), "distortion (computeCost)");
        assertRelativelyClose(mllib.trainingCost(), ours.distortion(), "distortion (trainingCost)");
        Vector[] centres = mllib.clusterCenters();
        for (int c = 0; c < K; c++) {
            double[] theirs = centres[c].toArray();
            for (int j = 0; j < theirs.length; j++) {
                // ours is MLlib's float64 mean rounded to float32: half an ulp of a value in [0, 1]
                assertEquals(theirs[j], ours.centroids().get(c, j), 6e-8, "centre " + c + ", feature " + j);
            }
        }
    }

    /** Our Lloyd on Spark, from the shared start, tolerance 0, at most {@code maxIterations} iterations. */
    private static Clustering oursOnSpark(int maxIterations) {
        KMeansOptions options = KMeansOptions.defaults(K).withVariant(KMeansVariant.LLOYD)
                .withTolerance(0, ToleranceMode.CENTER_SHIFT).withMaxIterations(maxIterations);
        try (SparkPasses passes = new SparkPasses(sc, 2)) {
            return new KMeans(options, () -> passes).fitFrom(x, start,
                    new FitContext(SEED, Parallelism.sequential(), FitListener.NONE));
        }
    }

    /** MLlib's k-means from the same start: epsilon 0 stops it only when no centre moves at all. */
    private static KMeansModel mllib(int maxIterations) {
        return new org.apache.spark.mllib.clustering.KMeans().setK(K).setMaxIterations(maxIterations)
                .setEpsilon(0).setInitialModel(new KMeansModel(vectors(start))).run(rows.rdd());
    }

    private static int labelsDiffering(int[] ours, KMeansModel mllib) {
        List<Integer> theirs = mllib.predict(rows).collect();
        assertEquals(ours.length, theirs.size());
        int differ = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs.get(i)) {
                differ++;
            }
        }
        return differ;
    }

    private static void assertRelativelyClose(double expected, double actual, String what) {
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(relative <= RELATIVE, what + ": ours " + actual + ", MLlib " + expected + ", relative difference "
                + relative);
    }

    private static List<Vector> vectors(FloatMatrix m) {
        List<Vector> out = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            float[] row = m.row(i);
            double[] values = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                values[j] = row[j];
            }
            out.add(Vectors.dense(values));
        }
        return out;
    }
}
