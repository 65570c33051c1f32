package org.imageclustering.loader.datasets;

import static org.imageclustering.loader.datasets.TestFiles.bytes;
import static org.imageclustering.loader.datasets.TestFiles.idxImages;
import static org.imageclustering.loader.datasets.TestFiles.idxLabels;
import static org.imageclustering.loader.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesLoaderTest {
    @TempDir
    Path dir;

    final FeaturesLoader loader = new FeaturesLoader(() -> Map.<String, DatasetLoader>of(
            "fashion-mnist", new FashionMnistLoader()));

    /** A Fashion-MNIST-layout folder of three 2 x 3 images labelled 2, 0, 9 (train and test). */
    Path images() {
        Path folder = dir.resolve("images");
        byte[] img = idxImages(3, 2, 3, new byte[18]);
        byte[] lab = idxLabels(bytes(2, 0, 9));
        write(folder.resolve("train-images-idx3-ubyte"), img);
        write(folder.resolve("train-labels-idx1-ubyte"), lab);
        write(folder.resolve("t10k-images-idx3-ubyte"), img);
        write(folder.resolve("t10k-labels-idx1-ubyte"), lab);
        return folder;
    }

    Path npy(String name, int rows, int cols) throws IOException {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        return Files.write(dir.resolve(name), Npy.toBytes(FloatMatrix.wrap(rows, cols, data)));
    }

    Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    DatasetSplits load(Map<String, Object> keys) throws IOException {
        return loader.load(new LoaderOptions(dir, false, Parameters.of("dataset", new LinkedHashMap<>(keys))));
    }

    Map<String, Object> withImages(Map<String, Object> keys) {
        Map<String, Object> m = new LinkedHashMap<>(keys);
        m.put("images", Map.of("loader", "fashion-mnist", "path", images().toString()));
        return m;
    }

    @Test
    void npyFeaturesAlignedByOrderTakeTheImagesLabelsAndClassNames() throws IOException {
        npy("train.npy", 3, 4);
        npy("test.npy", 3, 4);
        DatasetSplits s = load(withImages(Map.of("train", "train.npy", "test", "test.npy")));
        Dataset train = s.train();
        assertEquals("features/train", train.name());
        assertEquals(3, train.size());
        assertEquals(4, train.features().cols());
        assertEquals(5.5f, train.features().get(2, 3));
        assertArrayEquals(new int[] {2, 0, 9}, train.labels());
        assertEquals(FashionMnistLoader.CLASS_NAMES, train.classNames());
        assertNull(train.shape(), "rows are features, not pixels");
        assertEquals(3, s.test().size());
        assertArrayEquals(new int[] {2, 0, 9}, s.test().labels());
        assertTrue(train.sources().get(0).path().endsWith("train.npy"));
        assertEquals(64, train.sources().get(0).sha256().length());
    }

    @Test
    void npyFeaturesAloneHaveNoLabels() throws IOException {
        npy("train.npy", 5, 2);
        DatasetSplits s = load(Map.of("train", "train.npy"));
        assertNull(s.train().labels());
        assertNull(s.test());
    }

    @Test
    void rowCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path f = npy("train.npy", 2, 4);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> load(withImages(Map.of("train", "train.npy"))));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().contains("3 rows, from "), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2 rows"), e.getMessage());
    }

    @Test
    void npyProblemsKeepNumpysFileAndPlace() throws IOException {
        Files.write(dir.resolve("ints.npy"), Npy.toBytes(new int[] {1, 2, 3}));
        DatasetFormatException wrongType = assertThrows(DatasetFormatException.class,
                () -> load(Map.of("train", "ints.npy")));
        assertEquals(dir.resolve("ints.npy") + ": header field 'descr': expected float32 or float64 ('<f4', '>f4', "
                + "'<f8', '>f8'), found '<i4'; convert with a.astype(np.float32)", wrongType.getMessage());

        byte[] nan = Npy.toBytes(FloatMatrix.wrap(2, 2, new float[] {1, 2, Float.NaN, 4}));
        Files.write(dir.resolve("nan.npy"), nan);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(Map.of("train", "nan.npy")));
        assertEquals(128 + 2 * 4, e.offset());
        assertTrue(e.getMessage().startsWith(dir.resolve("nan.npy") + " at byte 136: row 1, column 0 is NaN"),
                e.getMessage());
    }

    @Test
    void csvWithHeaderLabelAndIdColumns() throws IOException {
        csv("f.csv", "id,a,label,b\n0,1.5,1,2\n1,-3e2,0,.25\n");
        Dataset d = load(Map.of("train", "f.csv", "label-column", "label")).train();
        assertEquals(3, d.features().cols(), "the id column is a feature unless named");
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertEquals(List.of("0", "1"), d.classNames());
        assertArrayEquals(new float[] {0, 1.5f, 2, 1, -300, 0.25f}, d.features().data());
    }

    @Test
    void csvWithoutHeaderIsDetected() throws IOException {
        csv("f.csv", "1,2\n3,4\n\n");
        Dataset d = load(Map.of("train", "f.csv")).train();
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features().data());
    }

    @Test
    void csvAlignedByIdTakesEachImagesLabel() throws IOException {
        csv("f.csv", "x,id\n0.5,2\n0.25,0\n");
        Dataset d = load(withImages(Map.of("train", "f.csv", "id-column", "id"))).train();
        assertArrayEquals(new int[] {9, 2}, d.labels());
        assertArrayEquals(new float[] {0.5f, 0.25f}, d.features().data());
    }

    @Test
    void featuresAlignedWithImagesKeepEachRowsOriginalPicture() throws IOException {
        csv("f.csv", "x,id\n0.5,2\n0.25,0\n");
        Dataset d = load(withImages(Map.of("train", "f.csv", "id-column", "id"))).train();
        Dataset pixels = new FashionMnistLoader().load(new LoaderOptions(images(), false, Parameters.of("images",
                new LinkedHashMap<>()))).train();
        Dataset.Images pictures = d.pictures().orElseThrow();
        assertEquals(pixels.shape(), pictures.shape());
        assertArrayEquals(pixels.features().row(2), pictures.rows().row(0), "feature row 0 is image 2");
        assertArrayEquals(pixels.features().row(0), pictures.rows().row(1), "feature row 1 is image 0");
        assertArrayEquals(pixels.features().row(0), d.select(new int[] {1}).pictures().orElseThrow().rows().row(0),
                "selecting rows selects their pictures");
        npy("alone.npy", 2, 2);
        assertTrue(load(Map.of("train", "alone.npy")).train().pictures().isEmpty(), "no images, no pictures");
    }

    @Test
    void csvIdsOutsideTheImagesOrRepeatedAreRefusedAtTheirLine() throws IOException {
        csv("f.csv", "x,id\n0.5,2\n0.25,3\n");
        DatasetFormatException out = assertThrows(DatasetFormatException.class,
                () -> load(withImages(Map.of("train", "f.csv", "id-column", "id"))));
        assertTrue(out.getMessage().contains("f.csv: line 3: id 3 is not a row of the images' train split "
                + "(fashion-mnist/train, rows 0..2"), out.getMessage());
        csv("g.csv", "x,id\n0.5,2\n0.25,2\n");
        DatasetFormatException twice = assertThrows(DatasetFormatException.class,
                () -> load(withImages(Map.of("train", "g.csv", "id-column", "id"))));
        assertTrue(twice.getMessage().endsWith("g.csv: line 3: id 2 was already given on line 2; each image can "
                + "have one row"), twice.getMessage());
    }

    @Test
    void csvRefusesRaggedRowsNonNumbersAndNonFiniteValuesWithLineAndColumn() throws IOException {
        Map<String, String> cases = Map.of(
                "a,b\n1,2\n3\n", "line 3: expected 2 comma-separated values (as on line 1), found 1",
                "a,b\n1,2\n3,x\n", "line 3, column 2 ('b'): expected a number, found 'x'",
                "1,2\n3,NaN\n", "line 2, column 2: 'NaN': features must be finite",
                "1,2\ninf,4\n", "line 2, column 1: 'inf': features must be finite",
                "1,1e39\n", "line 1, column 2: 1e39 is beyond float32's range");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = csv("bad.csv", c.getKey());
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(Map.of("train", "bad.csv")),
                    c.getKey());
            assertEquals(f.toString(), e.file());
            assertTrue(e.getMessage().contains(f + ": " + c.getValue()), e.getMessage());
        }
    }

    @Test
    void csvHeaderFalseRefusesAWordOnTheFirstLine() throws IOException {
        csv("f.csv", "a,b\n1,2\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> load(Map.of("train", "f.csv", "header", false)));
        assertTrue(e.getMessage().contains("line 1, column 1: expected a number, found 'a'"), e.getMessage());
    }

    @Test
    void optionsAreCheckedWithTheirKey() throws IOException {
        npy("train.npy", 3, 2);
        OptionException unknown = assertThrows(OptionException.class,
                () -> load(Map.of("train", "train.npy", "images", Map.of("loader", "nope"))));
        assertTrue(unknown.getMessage().contains("expected the loader of an image dataset, one of [fashion-mnist], "
                + "found 'nope'"), unknown.getMessage());
        OptionException both = assertThrows(OptionException.class,
                () -> load(withImages(Map.of("train", "train.npy", "label-column", "y"))));
        assertTrue(both.getMessage().contains("label-column"), both.getMessage());
        assertThrows(OptionException.class, () -> load(Map.of("train", "train.npy", "trian", "x")));
        DatasetFormatException parquet = assertThrows(DatasetFormatException.class,
                () -> load(Map.of("train", Files.writeString(dir.resolve("f.parquet"), "x").toString())));
        assertTrue(parquet.getMessage().contains("Parquet feature files are read by the Spark engine"), parquet.getMessage());
    }
}
