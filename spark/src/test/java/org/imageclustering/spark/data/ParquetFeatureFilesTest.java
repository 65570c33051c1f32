package org.imageclustering.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.datasets.FeaturesLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precomputed features in Parquet files that Spark (like pandas and pyarrow) writes, read in file order. */
class ParquetFeatureFilesTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ParquetFeatureFilesTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static StructType schema(org.apache.spark.sql.types.DataType element) {
        return new StructType().add("id", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                .add("embedding", DataTypes.createArrayType(element, true));
    }

    static List<Row> rows(int n, int d) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                v[j] = i * 0.25f - j;
            }
            rows.add(RowFactory.create((long) i, i % 3, toList(v)));
        }
        return rows;
    }

    static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    Dataset load(Path file, Map<String, Object> keys) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(keys);
        m.put("train", file.getFileName().toString());
        FeaturesLoader loader = new FeaturesLoader(() -> Map.<String, DatasetLoader>of(),
                Map.of("parquet", new ParquetFeatureFiles()));
        return loader.load(new LoaderOptions(file.getParent(), false, Parameters.of("dataset", m))).train();
    }

    @Test
    void aSparkWrittenFolderOfFloatListsReadsInRowOrderWithIdsAndLabels() throws IOException {
        Path folder = dir.resolve("emb.parquet");
        // three part files of consecutive rows (part-00000.. in name order), as Spark writes an ordered range
        spark.createDataFrame(rows(7, 5), schema(DataTypes.FloatType)).orderBy("id").repartitionByRange(3,
                new org.apache.spark.sql.Column("id")).sortWithinPartitions("id").write().parquet(folder.toString());
        Dataset d = load(folder, Map.of("label-column", "label"));
        assertEquals(7, d.size());
        assertEquals(5, d.features().cols());
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i * 0.25f - j, d.features().get(i, j), "row " + i + ", value " + j);
            }
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, d.labels());
        assertTrue(d.sources().size() >= 3, "each part file is a source: " + d.sources());
    }

    @Test
    void doubleListsBecomeFloat32() throws IOException {
        Path file = dir.resolve("d.parquet");
        List<Row> rows = List.of(RowFactory.create(0L, 0, List.of(0.5, 1.5)), RowFactory.create(1L, 1, List.of(2.0, -3.0)));
        spark.createDataFrame(rows, schema(DataTypes.DoubleType)).coalesce(1).write().parquet(file.toString());
        Dataset d = load(file, Map.of());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2f, -3f}, d.features().data());
    }

    @Test
    void raggedNullAndNonFiniteRowsAreRefusedAtTheirRow() throws IOException {
        List<Row> ragged = new ArrayList<>(rows(3, 4));
        ragged.set(2, RowFactory.create(2L, 0, List.of(1f, 2f)));
        assertRefused("ragged.parquet", ragged, "row 2 has 2 values; expected 4 like row 0");
        List<Row> nulls = new ArrayList<>(rows(3, 4));
        nulls.set(1, RowFactory.create(1L, 0, null));
        assertRefused("null.parquet", nulls, "row 1: a null or empty features list");
        List<Row> nan = new ArrayList<>(rows(3, 4));
        nan.set(2, RowFactory.create(2L, 0, List.of(1f, Float.NaN, 0f, 0f)));
        assertRefused("nan.parquet", nan, "row 2, value 1 is NaN; expected a finite float32 number");
    }

    private void assertRefused(String name, List<Row> rows, String expected) {
        Path file = dir.resolve(name);
        spark.createDataFrame(rows, schema(DataTypes.FloatType)).coalesce(1).write().parquet(file.toString());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(file, Map.of()));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aMissingIdColumnOrTwoListColumnsAreNamed() {
        Path file = dir.resolve("two.parquet");
        StructType two = schema(DataTypes.FloatType).add("other", DataTypes.createArrayType(DataTypes.FloatType));
        spark.createDataFrame(List.of(RowFactory.create(0L, 0, List.of(1f), List.of(2f))), two).coalesce(1)
                .write().parquet(file.toString());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(file, Map.of()));
        assertTrue(e.getMessage().contains("expected exactly one list column of float or double values"), e.getMessage());
        Path one = dir.resolve("one.parquet");
        spark.createDataFrame(rows(2, 2), schema(DataTypes.FloatType)).coalesce(1).write().parquet(one.toString());
        e = assertThrows(DatasetFormatException.class, () -> load(one, Map.of("id-column", "row")));
        assertTrue(e.getMessage().contains("id-column 'row' is not a column; the columns are [id, label, embedding]"),
                e.getMessage());
    }

    @Test
    void theLocalRunnerSaysHowToReadParquet() throws IOException {
        Path file = dir.resolve("x.parquet");
        spark.createDataFrame(rows(2, 2), schema(DataTypes.FloatType)).coalesce(1).write().parquet(file.toString());
        Path single = java.nio.file.Files.list(file).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>(Map.of("train", single.getFileName().toString()));
        FeaturesLoader local = new FeaturesLoader(() -> Map.<String, DatasetLoader>of());
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> local.load(new LoaderOptions(single.getParent(), false, Parameters.of("dataset", m))));
        assertTrue(e.getMessage().contains("run the same experiment file with -Dmaster=local[2]"), e.getMessage());
        assertEquals(2, load(single, Map.of()).size(), "a single part file reads as well as its folder");
    }
}
