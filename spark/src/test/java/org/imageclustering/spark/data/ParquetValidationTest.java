package org.imageclustering.spark.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a converted folder can be wrong gives one message naming the file, the column and the row. */
class ParquetValidationTest {
    static SparkSession spark;

    @TempDir
    Path dir;
    Path good;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ParquetValidationTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Five labelled rows of four values in train, two in test. */
    static DatasetSplits toy() {
        float[] x = new float[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 20f;
        }
        List<SourceFile> src = List.of(new SourceFile("toy.bin", "ab".repeat(32), 80));
        Dataset train = new Dataset("toy/train", FloatMatrix.wrap(5, 4, x), new int[] {0, 1, 0, 1, 1}, List.of("a", "b"),
                null, src);
        Dataset test = new Dataset("toy/test", FloatMatrix.wrap(2, 4, new float[8]), new int[] {1, 0}, List.of("a", "b"),
                null, src);
        return new DatasetSplits(train, test);
    }

    static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    @BeforeEach
    void writeGood() throws IOException {
        good = dir.resolve("good");
        ParquetDatasetWriter.write(spark, toy(), "toy", "test", false, hadoop(good), false);
    }

    private DatasetSplits read(Path folder) throws IOException {
        return new ParquetLoader(() -> spark).load(LoaderOptions.at(folder));
    }

    /** The good folder's rows changed by {@code edit}, written as one part file beside the good sidecar. */
    private Path broken(UnaryOperator<org.apache.spark.sql.Dataset<Row>> edit) throws IOException {
        Path bad = dir.resolve("bad");
        edit.apply(spark.read().parquet(good.toString())).coalesce(1).write().parquet(bad.toString());
        Files.copy(good.resolve(ParquetLayout.SIDECAR), bad.resolve(ParquetLayout.SIDECAR));
        return bad;
    }

    private String failure(Path folder) {
        return assertThrows(DatasetFormatException.class, () -> read(folder)).getMessage();
    }

    private static boolean namesPartFile(String message) {
        return message.matches("(?s)file:/.*/bad/part-[^:]*\\.parquet: .*");
    }

    @Test
    void theGoodFolderReadsBack() throws IOException {
        DatasetSplits read = read(good);
        ParquetRoundTripTest.assertSameSplits(toy(), read);
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsFoundAndExpected() throws IOException {
        String m = failure(broken(df -> df.drop("label")));
        assertTrue(m.contains("/bad: no column 'label' (found id, split, features); expected the columns id long, "
                + "label int (null when unlabelled), split string (train or test), features array<float>"), m);
    }

    @Test
    void aColumnOfTheWrongTypeIsNamedWithBothTypes() throws IOException {
        String m = failure(broken(df -> df.withColumn("features", col("features").cast("array<double>"))));
        assertTrue(m.contains("/bad: column 'features' is array<double>, expected array<float>"), m);
        m = failure(brokenAgain(df -> df.withColumn("id", col("id").cast("int"))));
        assertTrue(m.contains("column 'id' is int, expected long"), m);
    }

    private Path brokenAgain(UnaryOperator<org.apache.spark.sql.Dataset<Row>> edit) throws IOException {
        deleteRecursively(dir.resolve("bad"));
        return broken(edit);
    }

    @Test
    void aRaggedRowNamesItsFileRowAndColumn() throws IOException {
        String m = failure(broken(df -> df.withColumn("features", when(col("id").equalTo(3).and(col("split")
                .equalTo("train")), array(lit(0f), lit(1f), lit(2f))).otherwise(col("features")))));
        assertTrue(namesPartFile(m), m);
        assertTrue(m.endsWith(": row 3 of split 'train': column 'features' has 3 values, expected 4"), m);
    }

    @Test
    void aNanOrNullValueNamesItsRowAndIndex() throws IOException {
        String m = failure(broken(df -> df.withColumn("features", when(col("id").equalTo(1).and(col("split")
                .equalTo("test")), array(lit(0f), lit(Float.NaN), lit(2f), lit(3f))).otherwise(col("features")))));
        assertTrue(namesPartFile(m), m);
        assertTrue(m.endsWith(": row 1 of split 'test': column 'features' has NaN at index 1, expected finite values"), m);
        m = failure(brokenAgain(df -> df.withColumn("features", when(col("id").equalTo(2),
                array(lit(0f), lit(null).cast(DataTypes.FloatType), lit(2f), lit(3f))).otherwise(col("features")))));
        assertTrue(m.contains(": column 'features' has a null at index 1"), m);
    }

    @Test
    void idsThatAreNotZeroToNMinusOneAreRefused() throws IOException {
        String duplicate = failure(broken(df -> df.withColumn("id", when(col("id").equalTo(4), lit(2L)).otherwise(col("id")))));
        assertTrue(duplicate.contains("id 2 appears twice"), duplicate);
        assertTrue(duplicate.contains("each split's ids must be 0..4, once each"), duplicate);
        String outside = failure(brokenAgain(df -> df.withColumn("id", when(col("id").equalTo(4), lit(7L)).otherwise(col("id")))));
        assertTrue(namesPartFile(outside), outside);
        assertTrue(outside.contains("row 7 of split 'train': column 'id' is 7, outside 0..4"), outside);
        String missing = failure(brokenAgain(df -> df.filter(col("id").notEqual(4).or(col("split").notEqual("train")))));
        assertTrue(missing.contains(ParquetLayout.SIDECAR + ": split 'train' has no row with id 4"), missing);
    }

    @Test
    void aLabelMissingOrOutsideTheClassesNamesItsRow() throws IOException {
        String m = failure(broken(df -> df.withColumn("label", when(col("id").equalTo(0), lit(null)).otherwise(col("label")))));
        assertTrue(m.contains(": row 0 of split '"), m);
        assertTrue(m.endsWith("column 'label' is null, but the split is labelled"), m);
        m = failure(brokenAgain(df -> df.withColumn("label", when(col("id").equalTo(1), lit(5)).otherwise(col("label")))));
        assertTrue(m.endsWith("column 'label' is 5, outside the 2 classes 0..1"), m);
    }

    @Test
    void rowsChangedAfterConversionFailTheRecordedHash() throws IOException {
        String m = failure(broken(df -> df.withColumn("label", when(col("id").equalTo(0).and(col("split").equalTo("train")),
                lit(1)).otherwise(col("label")))));
        assertTrue(m.contains(ParquetLayout.SIDECAR + ": the rows of split 'train' do not match the rowsSha256 recorded "
                + "at conversion"), m);
    }

    @Test
    void aSidecarOfANewerFormatOrOfAnotherToolIsRefused() throws IOException {
        Path sidecar = good.resolve(ParquetLayout.SIDECAR);
        Files.delete(good.resolve("." + ParquetLayout.SIDECAR + ".crc")); // the local file system's checksum of it
        Files.writeString(sidecar, Files.readString(sidecar).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        String m = failure(good);
        assertTrue(m.contains(ParquetLayout.SIDECAR + ": formatVersion is 2; this version reads formats 1..1 (written by "
                + "a newer version: update, or convert again)"), m);
        Files.writeString(sidecar, "{\"rows\": 3}");
        m = failure(good);
        assertTrue(m.contains("expected \"format\": \"imageclustering-parquet\""), m);
    }

    @Test
    void anIdxFolderIsPointedToConvert() throws IOException {
        OptionException e = assertThrows(OptionException.class, () -> read(Path.of("..", "data", "fashion-mnist-sample")));
        assertEquals("dataset.path", e.keyPath());
        assertTrue(e.getMessage().contains("fashion-mnist-sample holds IDX files (t10k-images-idx3-ubyte.gz, "
                + "t10k-labels-idx1-ubyte.gz, train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz), which Spark "
                + "executors cannot read directly: an IDX file's header breaks the fixed-length record alignment that "
                + "splitting it between tasks needs. Convert it once"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dconvert=<output folder>"), e.getMessage());
    }

    @Test
    void aFolderWithoutSidecarIsNotAConversion() throws IOException {
        Files.delete(good.resolve(ParquetLayout.SIDECAR));
        OptionException e = assertThrows(OptionException.class, () -> read(good));
        assertTrue(e.getMessage().contains("/good has no _imageclustering.json: it is not a dataset written by -Dconvert, "
                + "or its conversion did not finish"), e.getMessage());
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> read(dir.resolve("nothing")));
        assertTrue(none.getMessage().endsWith("/nothing: no such folder; write one with -Dconvert=<folder> "
                + "-Dconfig=<experiment file with the original dataset>"), none.getMessage());
    }

    @Test
    void rawMustMatchTheConversion() {
        OptionException e = assertThrows(OptionException.class, () -> new ParquetLoader(() -> spark).load(
                new LoaderOptions(good, true, org.imageclustering.core.Parameters.empty("dataset"))));
        assertEquals("dataset.raw", e.keyPath());
        assertTrue(e.getMessage().endsWith("/good holds values scaled to [0, 1]; remove raw: true, or convert again "
                + "with raw: true to keep the stored values"), e.getMessage());
    }

    @Test
    void anExistingOutputIsReplacedOnlyWhenAskedAndOnlyIfItIsAConversion() throws IOException {
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> ParquetDatasetWriter.write(spark, toy(), "toy", "test", false, hadoop(good), false));
        assertTrue(e.getReason().startsWith("already exists; choose another output, or add -Dfresh=true"), e.getReason());
        DatasetSplits fewer = new DatasetSplits(toy().train().select(new int[] {4, 0}), null);
        ParquetDatasetWriter.write(spark, fewer, "toy", "test", false, hadoop(good), true);
        assertEquals(2, read(good).train().size());

        Path other = Files.createDirectories(dir.resolve("my-photos"));
        Files.writeString(other.resolve("keep.txt"), "mine");
        e = assertThrows(FileAlreadyExistsException.class,
                () -> ParquetDatasetWriter.write(spark, toy(), "toy", "test", false, hadoop(other), true));
        assertTrue(e.getReason().startsWith("exists and is not a dataset written by -Dconvert (it has no "
                + "_imageclustering.json), so it is not replaced even with -Dfresh"), e.getReason());
        assertTrue(Files.exists(other.resolve("keep.txt")));
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
