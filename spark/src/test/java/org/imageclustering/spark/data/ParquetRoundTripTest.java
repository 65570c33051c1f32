package org.imageclustering.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Sha256;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;
import org.imageclustering.loader.datasets.Cifar10Loader;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.imageclustering.loader.datasets.FeaturesLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converting with {@code ParquetDatasetWriter} and reading with the parquet loader gives back the loader's datasets. */
class ParquetRoundTripTest {
    static final Path FASHION_SAMPLE = Path.of("..", "data", "fashion-mnist-sample");
    static final Path FEATURES_SAMPLE = Path.of("..", "data", "fashion-mnist-sample-features");

    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ParquetRoundTripTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private DatasetSplits roundTrip(DatasetSplits original, String loader) throws IOException {
        Path out = dir.resolve("converted");
        ParquetDatasetWriter.write(spark, original, loader, loader, false, new org.apache.hadoop.fs.Path(out.toUri()), false);
        return new ParquetLoader(() -> spark).load(LoaderOptions.at(out));
    }

    /** Same name, rows (every bit), labels, class names and shape; the original sources then the sidecar. */
    static void assertSameSplit(Dataset expected, Dataset found) {
        assertEquals(expected.name(), found.name());
        assertEquals(expected.features().rows(), found.features().rows());
        assertEquals(expected.features().cols(), found.features().cols());
        assertArrayEquals(expected.features().data(), found.features().data(), expected.name() + " rows");
        assertArrayEquals(expected.labels(), found.labels(), expected.name() + " labels");
        assertEquals(expected.classNames(), found.classNames());
        assertEquals(expected.shape(), found.shape());
        assertEquals(expected.sources(), found.sources().subList(0, expected.sources().size()));
        SourceFile sidecar = found.sources().get(found.sources().size() - 1);
        assertTrue(sidecar.path().endsWith("/" + ParquetLayout.SIDECAR), sidecar.path());
        assertEquals(expected.sources().size() + 1, found.sources().size());
    }

    static void assertSameSplits(DatasetSplits expected, DatasetSplits found) {
        assertSameSplit(expected.train(), found.train());
        assertEquals(expected.testSplit().isPresent(), found.testSplit().isPresent());
        if (expected.test() != null) {
            assertSameSplit(expected.test(), found.test());
        }
    }

    @Test
    void fashionMnistSampleComesBackWithTheSameRowsLabelsClassNamesAndSourceHashes() throws IOException {
        DatasetSplits original = new FashionMnistLoader().load(FASHION_SAMPLE, false);
        DatasetSplits read = roundTrip(original, "fashion-mnist");
        assertSameSplits(original, read);
        assertEquals(2000, read.train().size());
        assertEquals(500, read.test().size());
        assertEquals(FashionMnistLoader.CLASS_NAMES, read.train().classNames());
        assertEquals(new ImageShape(1, 28, 28), read.test().shape());
        assertEquals(Sha256.hex(FASHION_SAMPLE.resolve("train-images-idx3-ubyte.gz")), read.train().sources().get(0).sha256());
    }

    @Test
    void cifar10BinaryBatchesComeBackWithTheSameRowsLabelsAndClassNames() throws IOException {
        Path bin = dir.resolve("cifar-10-batches-bin");
        CifarBinaryFixture.write(bin);
        DatasetSplits original = new Cifar10Loader().load(bin, Cifar10Loader.Options.defaults());
        assertEquals(5 * CifarBinaryFixture.PER_BATCH, original.train().size());
        DatasetSplits read = roundTrip(original, "cifar10");
        assertSameSplits(original, read);
        assertEquals(CifarBinaryFixture.CLASS_NAMES, read.train().classNames());
        assertEquals(new ImageShape(3, 32, 32), read.train().shape());
    }

    @Test
    void unlabelledFeaturesWithoutImageShapeComeBackUnlabelled() throws IOException {
        DatasetSplits original = new FeaturesLoader(java.util.Map::of).load(new LoaderOptions(FEATURES_SAMPLE, false,
                Parameters.of("dataset", java.util.Map.of("train", "train.npy", "test", "test.npy"))));
        assertNull(original.train().labels());
        DatasetSplits read = roundTrip(original, "features");
        assertSameSplits(original, read);
        assertNull(read.train().labels());
        assertNull(read.train().shape());
    }

    @Test
    void aDatasetWithoutTestSplitComesBackWithoutOne() throws IOException {
        DatasetSplits full = new FashionMnistLoader().load(FASHION_SAMPLE, false);
        DatasetSplits trainOnly = new DatasetSplits(full.train().select(new int[] {5, 3, 1}), null);
        DatasetSplits read = roundTrip(trainOnly, "fashion-mnist");
        assertSameSplits(trainOnly, read);
        assertTrue(read.testSplit().isEmpty());
    }

    @Test
    void theSidecarNamesTheFormatVersionDatasetClassesShapeAndSourceHashes() throws IOException {
        DatasetSplits original = new FashionMnistLoader().load(FASHION_SAMPLE, false);
        roundTrip(original, "fashion-mnist");
        String json = Files.readString(dir.resolve("converted").resolve(ParquetLayout.SIDECAR));
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
        assertTrue(json.contains("\"dataset\" : \"fashion-mnist\""), json);
        assertTrue(json.contains("\"Ankle boot\""), json);
        assertTrue(json.contains("\"channels\" : 1"), json);
        assertTrue(json.contains(Sha256.hex(FASHION_SAMPLE.resolve("t10k-labels-idx1-ubyte.gz"))), json);
        List<Path> parts;
        try (var files = Files.list(dir.resolve("converted"))) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertNotNull(parts);
        assertTrue(!parts.isEmpty(), "part files");
    }
}
