package org.imageclustering.loader.datasets;

import static org.imageclustering.loader.datasets.TestFiles.bytes;
import static org.imageclustering.loader.datasets.TestFiles.gzip;
import static org.imageclustering.loader.datasets.TestFiles.idxImages;
import static org.imageclustering.loader.datasets.TestFiles.idxLabels;
import static org.imageclustering.loader.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed options of CIFAR-100, the IDX loaders and the image-folder loader load what the same
 * experiment-file keys load, and refuse invalid values naming the field.
 */
class LoaderOptionsTypedTest {
    @TempDir
    Path dir;

    private static LoaderOptions keys(Path path, boolean raw, Map<String, ?> keys) {
        return new LoaderOptions(path, raw, Parameters.of("dataset", keys));
    }

    static void assertSameSplits(DatasetSplits expected, DatasetSplits found) {
        assertSameDataset(expected.train(), found.train());
        if (expected.test() == null) {
            assertNull(found.test());
        } else {
            assertSameDataset(expected.test(), found.test());
        }
    }

    private static void assertSameDataset(Dataset expected, Dataset found) {
        assertEquals(expected.name(), found.name());
        assertEquals(expected.shape(), found.shape(), expected.name());
        assertArrayEquals(expected.features().data(), found.features().data(), expected.name());
        assertArrayEquals(expected.labels(), found.labels(), expected.name());
        assertEquals(expected.classNames(), found.classNames(), expected.name());
        assertEquals(expected.sources(), found.sources(), expected.name());
    }

    // ---- CIFAR-100

    @Test
    void cifar100TypedOptionsLoadWhatTheKeysLoad() throws IOException {
        CifarLoaderTest.writeBinary100(dir.resolve("cifar-100-binary"));
        CifarLoaderTest.writePy2Cifar100(dir.resolve("cifar-100-python"));
        Cifar100Loader loader = new Cifar100Loader();

        assertSameSplits(loader.load(keys(dir, false, Map.of())), loader.load(dir, Cifar100Loader.Options.defaults()));
        DatasetSplits coarsePython = loader.load(dir,
                new Cifar100Loader.Options(Cifar100Loader.Labels.COARSE, CifarFormat.PYTHON, true));
        assertSameSplits(loader.load(keys(dir, true, Map.of("labels", "coarse", "format", "python"))), coarsePython);
        assertEquals(20, coarsePython.train().classNames().size(), "the coarse labelling was read");
        assertTrue(coarsePython.train().sources().stream().noneMatch(s -> s.path().endsWith(".bin")),
                "the python version was read");
        assertEquals(CifarFiles.pixel(2, 1, 4, 6),
                coarsePython.train().features().get(2, coarsePython.train().shape().index(1, 4, 6)), 0f,
                "raw keeps the stored byte values");
        assertSameSplits(loader.load(keys(dir, false, Map.of("labels", "FINE", "format", "binary"))),
                loader.load(dir, Cifar100Loader.Options.defaults().withFormat(CifarFormat.BINARY)));
        assertSameSplits(loader.load(keys(dir, true, Map.of("labels", "coarse"))),
                loader.load(dir, Cifar100Loader.Options.defaults().withLabels(Cifar100Loader.Labels.COARSE).withRaw(true)));
    }

    @Test
    void cifar100TypedNullsAreRefusedNamingTheField() {
        NullPointerException labels = assertThrows(NullPointerException.class,
                () -> Cifar100Loader.Options.defaults().withLabels(null));
        assertEquals("labels", labels.getMessage());
        NullPointerException format = assertThrows(NullPointerException.class,
                () -> Cifar100Loader.Options.defaults().withFormat(null));
        assertEquals("format", format.getMessage());
    }

    @Test
    void labelNamesAreTheExperimentFileSpellings() {
        assertEquals(Cifar100Loader.Labels.FINE, Cifar100Loader.Labels.fromName("fine"));
        assertEquals(Cifar100Loader.Labels.COARSE, Cifar100Loader.Labels.fromName("Coarse"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cifar100Loader.Labels.fromName("medium"));
        assertEquals("expected fine or coarse, found 'medium'", e.getMessage());
    }

    // ---- IDX

    /** Three 2 x 3 images, labels 2, 0, 1; the test split is the same files under other names. */
    private static final byte[] PIXELS = new byte[18];

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (byte) (13 * i + 7);
        }
    }

    private void writeIdx(Path folder, String trainImages, String trainLabels, String testImages, String testLabels) {
        byte[] images = idxImages(3, 2, 3, PIXELS);
        byte[] labels = idxLabels(bytes(2, 0, 1));
        write(folder.resolve(trainImages), images);
        write(folder.resolve(trainLabels), gzip(labels));
        write(folder.resolve(testImages), images);
        write(folder.resolve(testLabels), labels);
    }

    @Test
    void idxTypedOptionsLoadWhatTheKeysLoad() throws IOException {
        writeIdx(dir, "tr-img", "tr-lab.gz", "te-img", "te-lab");
        writeIdx(dir.resolve("mnist-names"), IdxDatasets.TRAIN_IMAGES, IdxDatasets.TRAIN_LABELS + ".gz",
                IdxDatasets.TEST_IMAGES, IdxDatasets.TEST_LABELS);
        IdxLoader loader = new IdxLoader();

        Path mnistNames = dir.resolve("mnist-names");
        assertSameSplits(loader.load(keys(mnistNames, false, Map.of())), loader.load(mnistNames, IdxLoader.Options.defaults()));
        IdxLoader.Options named = IdxLoader.Options.defaults().withFiles("tr-img", "tr-lab", "te-img", "te-lab")
                .withClassNames(List.of("a", "b", "c")).withRaw(true);
        DatasetSplits typed = loader.load(dir, named);
        assertSameSplits(loader.load(keys(dir, true, Map.of("train-images", "tr-img", "train-labels", "tr-lab",
                "test-images", "te-img", "test-labels", "te-lab", "class-names", List.of("a", "b", "c")))), typed);
        assertEquals(List.of("a", "b", "c"), typed.train().classNames());
        assertEquals(13 * 4 + 7, typed.test().features().get(0, 4), 0f, "raw keeps the stored byte values");
        assertEquals(List.of("0", "1", "2"), loader.load(mnistNames, IdxLoader.Options.defaults()).train().classNames(),
                "no class names: named by label");
    }

    @Test
    void idxTypedOptionsRefuseMissingValuesNamingTheField() {
        NullPointerException file = assertThrows(NullPointerException.class,
                () -> IdxLoader.Options.defaults().withFiles("a", null, "c", "d"));
        assertEquals("trainLabels", file.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> IdxLoader.Options.defaults().withClassNames(Arrays.asList("a", null)));
        assertEquals("classNames[1] must be a name, was null", name.getMessage());
        NoSuchFileException noPath = assertThrows(NoSuchFileException.class,
                () -> new IdxLoader().load(null, IdxLoader.Options.defaults()));
        assertTrue(noPath.getMessage().contains("the idx loader needs a path"), noPath.getMessage());
    }

    @Test
    void typedClassNamesAreCopied() {
        List<String> names = new java.util.ArrayList<>(List.of("a", "b"));
        IdxLoader.Options options = IdxLoader.Options.defaults().withClassNames(names);
        names.set(0, "changed");
        assertEquals(List.of("a", "b"), options.classNames());
    }

    @Test
    void mnistAndFashionMnistTypedRawLoadsWhatTheKeysLoad() throws IOException {
        writeIdx(dir, IdxDatasets.TRAIN_IMAGES, IdxDatasets.TRAIN_LABELS + ".gz", IdxDatasets.TEST_IMAGES,
                IdxDatasets.TEST_LABELS);
        for (boolean raw : new boolean[] {false, true}) {
            assertSameSplits(new MnistLoader().load(keys(dir, raw, Map.of())), new MnistLoader().load(dir, raw));
            assertSameSplits(new FashionMnistLoader().load(keys(dir, raw, Map.of())),
                    new FashionMnistLoader().load(dir, raw));
        }
        assertEquals(7f, new MnistLoader().load(dir, true).train().features().get(0, 0), 0f);
        assertEquals(7f / 255f, new MnistLoader().load(dir, false).train().features().get(0, 0), 0f);
    }

    // ---- image folders

    private void writeFolders() {
        ImageFolderLoaderTest.png(dir.resolve("train/cat/1.png"), ImageFolderLoaderTest.rgb(4, 2, 0));
        ImageFolderLoaderTest.png(dir.resolve("train/dog/1.png"), ImageFolderLoaderTest.rgb(4, 2, 9));
        ImageFolderLoaderTest.png(dir.resolve("test/dog/2.png"), ImageFolderLoaderTest.rgb(4, 2, 5));
    }

    @Test
    void imageFolderTypedOptionsLoadWhatTheKeysLoad() throws IOException {
        writeFolders();
        ImageFolderLoader loader = new ImageFolderLoader();
        Path train = dir.resolve("train");

        assertSameSplits(loader.load(keys(train, false, Map.of())), loader.load(train, ImageFolderLoader.Options.defaults()));
        ImageFolderLoader.Options typed = ImageFolderLoader.Options.defaults().withSize(2, 1).withChannels(1)
                .withTestPath(dir.resolve("test")).withRaw(true);
        DatasetSplits resized = loader.load(train, typed);
        assertSameSplits(loader.load(keys(train, true, Map.of("width", 2, "height", 1, "channels", 1,
                "test-path", dir.resolve("test").toString()))), resized);
        assertEquals(1, resized.test().size());
        assertEquals(2, resized.train().features().cols(), "one channel of 2 x 1");
        assertTrue(resized.train().features().get(0, 0) > 1f, "raw keeps 0..255");
        assertSameSplits(loader.load(keys(train, false, Map.of("test-path", dir.resolve("test").toString()))),
                loader.load(train, ImageFolderLoader.Options.defaults().withTestPath(dir.resolve("test"))));
    }

    @Test
    void imageFolderTypedSizesAndChannelsAreRefusedNamingTheField() {
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.Options.defaults().withSize(8, 0));
        assertEquals("width and height must both be >= 1 (to resize) or both 0 (to keep each image's size), was 8 x 0",
                half.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new ImageFolderLoader.Options(-1, -1, 3, null, false));
        assertEquals("width and height must both be >= 1 (to resize) or both 0 (to keep each image's size), was -1 x -1",
                negative.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.Options.defaults().withChannels(2));
        assertEquals("channels must be 1 or 3, was 2", channels.getMessage());
        assertEquals(ImageFolderLoader.KEEP_SIZE, ImageFolderLoader.Options.defaults().width());
    }
}
