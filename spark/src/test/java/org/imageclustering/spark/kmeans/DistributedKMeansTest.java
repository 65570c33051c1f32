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

    @Test
    void rowsReadFromParquetOnTheExecutorsInAnyOrderClusterToTheLocalBits(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir) throws Exception {
        // The rows written in a scrambled order over 5 part files: the gathering puts them back by id.
        FloatMatrix all = localRows();
        java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            int id = (int) ((i * 7919L) % N);
            java.util.List<Float> values = new java.util.ArrayList<>();
            for (float v : all.row(id)) {
                values.add(v);
            }
            rows.add(org.apache.spark.sql.RowFactory.create((long) id, id % 10, "train", values));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("id", "long", false).add("label", "int", true).add("split", "string", false)
                .add("features", org.apache.spark.sql.types.DataTypes.createArrayType(
                        org.apache.spark.sql.types.DataTypes.FloatType, false), false);
        String uri = dir.resolve("rows.parquet").toUri().toString();
        session.createDataFrame(rows, schema).repartition(5).write().parquet(uri);

        KMeansOptions options = KMeansOptions.defaults(10).withVariant(KMeansVariant.ELKAN).withMaxIterations(50);
        Clustering local = new KMeans(options).fitFrom(all, startFromSample(all, options, 8), FitContext.of(8));
        Clustering spread;
        try (DistributedKMeans kmeans = new DistributedKMeans(sc, 3, SAMPLE)) {
            spread = kmeans.fit(org.imageclustering.spark.data.ParquetRows.read(session, uri, "train"), options,
                    FitContext.of(8));
        }
        assertEquals(local.centroids(), spread.centroids(), "centroids");
        assertArrayEquals(local.sizes(), spread.sizes(), "sizes");
        assertEquals(Double.doubleToLongBits(local.distortion()), Double.doubleToLongBits(spread.distortion()),
                "distortion bits");
        assertEquals(local.iterations(), spread.iterations(), "iterations");
    }

    @Test
    void rowsWithARepeatedIdAreRefusedNamingIt() {
        java.util.List<scala.Tuple2<Long, float[]>> pairs = new java.util.ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            pairs.add(new scala.Tuple2<>(i, new float[] {i, 1}));
        }
        pairs.add(new scala.Tuple2<>(17L, new float[] {0, 0}));
        DistributedKMeans.IndexedRows data = new DistributedKMeans.IndexedRows(3000, 2, sc.parallelizePairs(pairs, 2));
        try (DistributedKMeans kmeans = new DistributedKMeans(sc, 2)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> kmeans.fit(data, KMeansOptions.defaults(3), FitContext.of(1)));
            assertEquals("row index 17 appears twice; expected each of 0 to n - 1 once", e.getMessage());
        }
    }
}
