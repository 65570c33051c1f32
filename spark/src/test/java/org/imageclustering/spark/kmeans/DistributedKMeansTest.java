package org.imageclustering.spark.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows made on the executors are summarised, sampled and clustered there to the bits of a local
 * fit over the same rows from the same start, whatever the partitioning, and their labels never
 * reach the driver.
 */
class DistributedKMeansTest {
    private static final int N = 9_000;
    private static final int D = 10;
    /** Rows the initialisation samples: a third of them. */
    private static final int SAMPLE = 3_000;
    private static int sampleSize;
    /** Ten Gaussian blobs, row {@code i} seeded by {@code i} alone. */
    private static final RowGenerator BLOBS = (i, out) -> {
        SplittableRandom r = new SplittableRandom(1234567L + i * 0x9E3779B97F4A7C15L);
        int blob = (int) (i % 10);
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) ((j == blob ? 4.0 : 0.0) + r.nextGaussian());
        }
    };

    private static SparkSession session;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        session = SparkSession.builder().master("local[2]").appName("DistributedKMeansTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        session.stop();
    }

    /** The rows as one local matrix, and the start a distributed fit takes from its sample. */
    private static FloatMatrix localRows() {
        float[] x = new float[N * D];
        float[] row = new float[D];
        for (int i = 0; i < N; i++) {
            BLOBS.row(i, row);
            System.arraycopy(row, 0, x, i * D, D);
        }
        return FloatMatrix.wrap(N, D, x);
    }

    private static FloatMatrix startFromSample(FloatMatrix all, KMeansOptions options, long seed) {
        double rate = Math.min(1.0, (double) SAMPLE / N);
        long salt = DistributedKMeans.sampleSalt(seed);
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (DistributedKMeans.sampled(salt, i, rate)) {
                keep.add(i);
            }
        }
        sampleSize = keep.size();
        FloatMatrix sample = all.selectRows(keep.stream().mapToInt(Integer::intValue).toArray());
        return Initializers.initialCentroids(sample, options, Seeds.derive(seed, 0));
    }

    @Test
    void rowsMadeOnTheExecutorsClusterToTheLocalBitsOnAnyPartitioning() {
        KMeansOptions options = KMeansOptions.defaults(10).withVariant(KMeansVariant.HAMERLY).withMaxIterations(50);
        FloatMatrix all = localRows();
        Clustering local = new KMeans(options).fitFrom(all, startFromSample(all, options, 8), FitContext.of(8));
        for (int partitions : new int[] {1, 3}) {
            Clustering spread;
            try (DistributedKMeans kmeans = new DistributedKMeans(sc, partitions, SAMPLE)) {
                spread = kmeans.fit(new DistributedKMeans.MadeRows(N, D, BLOBS), options, FitContext.of(8));
            }
            String what = partitions + " partitions";
            assertEquals(0, spread.labels().length, what + ": labels stay on the executors");
            assertEquals(local.centroids(), spread.centroids(), what + ": centroids");
            assertArrayEquals(local.sizes(), spread.sizes(), what + ": sizes");
            assertEquals(Double.doubleToLongBits(local.distortion()), Double.doubleToLongBits(spread.distortion()),
                    what + ": distortion bits");
            assertEquals(local.iterations(), spread.iterations(), what + ": iterations");
            assertEquals(sampleSize, ((Number) spread.diagnostics().get("init_sample_rows")).intValue(), what);
        }
        assertTrue(local.iterations() > 2, "the fixture should take iterations");
        assertTrue(sampleSize > 2_500 && sampleSize < 3_500, "a third of the rows, sampled " + sampleSize);
    }
}
