package org.imageclustering.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.spark.SparkMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line a user types: {@code -Dconvert} through {@link SparkMain}, then the same
 * experiment on the original files and on the converted folder. Each command starts and stops its
 * own local Spark, as the command does.
 */
class ConvertCommandTest {
    @TempDir
    Path dir;

    /** What one command printed and returned. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome spark(String... keyValues) {
        Properties props = new Properties();
        props.setProperty("master", "local[2]");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMain.run(props, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path experiment(String name, String datasetBlock) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                experiment: %s
                output: %s
                dataset:
                %s
                  limit: 600
                algorithms:
                  - algorithm: kmeans
                    init: k-means++
                k: [4, 7]
                seeds: [1, 2]
                metrics: [distortion, accuracy, nmi, ari]
                evaluate-on: [train, test]
                """.formatted(name, dir.resolve("results"), datasetBlock.indent(2).stripTrailing()));
        return file;
    }

    private List<RunRecord> runs(String experiment) {
        return RunLog.in(dir.resolve("results").resolve(experiment)).readLatest().stream()
                .sorted(Comparator.comparingInt((RunRecord r) -> r.setup().configuration().k())
                        .thenComparingLong(r -> r.setup().seed())).toList();
    }

    @Test
    void anExperimentOnTheConvertedDataGivesTheSameMetricsAsOnTheOriginalFiles() throws IOException {
        Path original = experiment("original", "loader: fashion-mnist\npath: ../data/fashion-mnist-sample");
        Path parquet = dir.resolve("fashion-mnist.parquet");
        Outcome converted = spark("config", original.toString(), "convert", parquet.toString());
        assertEquals(0, converted.code(), converted.err());
        assertTrue(converted.out().startsWith("Converted dataset 'fashion-mnist' (train 2000, test 500 rows x 784 "
                + "features) to file:" + parquet + " in "), converted.out());

        Outcome onOriginal = spark("config", original.toString());
        assertEquals(0, onOriginal.code(), onOriginal.err());
        Path converted2 = experiment("converted", "loader: parquet\npath: " + parquet);
        Outcome onParquet = spark("config", converted2.toString());
        assertEquals(0, onParquet.code(), onParquet.err());

        List<RunRecord> a = runs("original");
        List<RunRecord> b = runs("converted");
        assertEquals(4, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).metrics(), b.get(i).metrics(), "run " + i);
            assertEquals(a.get(i).fit().iterations(), b.get(i).fit().iterations());
            // the dataset block (loader, path) is part of the resolved configuration a run id hashes
            assertNotEquals(a.get(i).setup().runId(), b.get(i).setup().runId());
        }
    }

    @Test
    void anExistingOutputIsRefusedWithoutFresh() throws IOException {
        Path original = experiment("original", "loader: fashion-mnist\npath: ../data/fashion-mnist-sample");
        Path parquet = dir.resolve("out.parquet");
        assertEquals(0, spark("config", original.toString(), "convert", parquet.toString()).code());
        Outcome again = spark("config", original.toString(), "convert", parquet.toString());
        assertEquals(2, again.code());
        assertEquals("error: -Dconvert: file:" + parquet + " already exists; choose another output, or add -Dfresh=true "
                + "(--fresh) to replace this converted dataset", again.err().strip());
        Outcome fresh = spark("config", original.toString(), "convert", parquet.toString(), "fresh", "true");
        assertEquals(0, fresh.code(), fresh.err());
    }

    @Test
    void aConversionWithoutExperimentFileSaysWhatItNeeds() {
        Outcome o = spark("convert", dir.resolve("x").toString());
        assertEquals(2, o.code());
        assertEquals("error: -Dconvert needs -Dconfig=<experiment file> naming the dataset to convert", o.err().strip());
    }

    @Test
    void theParquetLoaderOnIdxFilesPointsToConvert() throws IOException {
        Path config = experiment("idx", "loader: parquet\npath: ../data/fashion-mnist-sample");
        Outcome o = spark("config", config.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("error: " + config + " line 5, column 3, dataset.path: file:"), o.err());
        assertTrue(o.err().contains("holds IDX files (t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz, "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz), which Spark executors cannot read directly"),
                o.err());
    }
}
