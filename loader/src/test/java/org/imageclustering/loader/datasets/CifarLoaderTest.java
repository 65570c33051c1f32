package org.imageclustering.loader.datasets;

import static org.imageclustering.loader.datasets.CifarFiles.CIFAR10_NAMES;
import static org.imageclustering.loader.datasets.CifarFiles.TEST_IMAGES;
import static org.imageclustering.loader.datasets.CifarFiles.TEST_LABELS;
import static org.imageclustering.loader.datasets.TestFiles.gzip;
import static org.imageclustering.loader.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CifarLoaderTest {
    @TempDir
    Path dir;

    static final int[] ALL_TRAIN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    static Path resource(String name) {
        try {
            return Path.of(CifarLoaderTest.class.getResource("/cifar/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DatasetSplits load10(Path path, Map<String, ?> params) throws IOException {
        return new Cifar10Loader().load(new LoaderOptions(path, false, Parameters.of("dataset", params)));
    }

    /** Every value of every row against the rule the files were written with, through ImageShape's (c, y, x) index. */
    static void assertPixels(Dataset d, int[] images) {
        assertEquals(new ImageShape(3, 32, 32), d.shape());
        assertEquals(images.length, d.size());
        ImageShape s = d.shape();
        for (int i = 0; i < images.length; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        float expected = CifarFiles.pixel(images[i], c, y, x) / 255f;
                        float found = d.features().get(i, s.index(c, y, x));
                        if (expected != found) {
                            throw new AssertionError(d.name() + " image " + i + " channel " + c + " row " + y
                                    + " column " + x + ": expected " + expected + ", found " + found);
                        }
                    }
                }
            }
        }
    }

    static void assertStandardCifar10(DatasetSplits s) {
        assertPixels(s.train(), ALL_TRAIN);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, s.train().labels());
        assertPixels(s.test(), TEST_IMAGES);
        assertArrayEquals(TEST_LABELS, s.test().labels());
        assertEquals(CIFAR10_NAMES, s.train().classNames());
        assertEquals(CIFAR10_NAMES, s.test().classNames());
        assertEquals("cifar10/train", s.train().name());
    }

    @Test
    void redPlaneComesFirstThenGreenThenBlue() throws Exception {
        // image 0: red plane all 255, green 0, blue 128 except the pixel at row 1, column 2 of blue = 7
        byte[] record = new byte[3073];
        record[0] = 3;
        Arrays.fill(record, 1, 1025, (byte) 255);
        Arrays.fill(record, 2049, 3073, (byte) 128);
        record[1 + 2048 + 32 + 2] = 7;
        Path bin = dir.resolve("cifar-10-batches-bin");
        CifarFiles.writeBinary10(bin);
        write(bin.resolve("data_batch_1.bin"), record);
        Dataset train = load10(dir, Map.of("batches", 1)).train();
        ImageShape s = train.shape();
        assertEquals(1f, train.features().get(0, s.index(0, 31, 31)));
        assertEquals(0f, train.features().get(0, s.index(1, 0, 0)));
        assertEquals(128 / 255f, train.features().get(0, s.index(2, 0, 0)));
        assertEquals(7 / 255f, train.features().get(0, s.index(2, 1, 2)));
        assertEquals("cat", train.classNames().get(train.labels()[0]));
    }

    @Test
    void binaryFolderGivesEveryBatchPixelsLabelsAndClassNames() throws Exception {
        CifarFiles.writeBinary10(dir.resolve("cifar-10-batches-bin"));
        assertStandardCifar10(load10(dir, Map.of()));
        assertStandardCifar10(load10(dir.resolve("cifar-10-batches-bin"), Map.of()));
    }

    @Test
    void batchesOptionLoadsOnlyTheFirstTrainingBatches() throws Exception {
        CifarFiles.writeBinary10(dir);
        write(dir.resolve("data_batch_5.bin"), new byte[7]); // never read when batches < 5
        DatasetSplits s = load10(dir, Map.of("batches", 2));
        assertPixels(s.train(), new int[] {0, 1, 2, 3});
        assertArrayEquals(new int[] {0, 1, 2, 3}, s.train().labels());
        assertEquals(3, s.test().size());
    }

    @Test
    void batchesOutsideOneToFiveIsAnOptionError() {
        CifarFiles.writeBinary10(dir);
        OptionException e = assertThrows(OptionException.class, () -> load10(dir, Map.of("batches", 6)));
        assertEquals("dataset.batches", e.keyPath());
        OptionException f = assertThrows(OptionException.class, () -> load10(dir, Map.of("format", "csv")));
        assertEquals("dataset.format", f.keyPath());
        OptionException g = assertThrows(OptionException.class, () -> load10(dir, Map.of("batch", 2)));
        assertTrue(g.getMessage().contains("did you mean"), g.getMessage());
    }

    @Test
    void rawKeepsByteValues() throws Exception {
        CifarFiles.writeBinary10(dir);
        Dataset train = new Cifar10Loader().load(new LoaderOptions(dir, true, Parameters.empty("dataset"))).train();
        assertEquals(CifarFiles.pixel(3, 2, 5, 7), train.features().get(3, train.shape().index(2, 5, 7)), 0f);
    }

    @Test
    void pythonFolderAsPublishedByPython2CPickle() throws Exception {
        CifarFiles.writePy2(dir.resolve("cifar-10-batches-py"));
        DatasetSplits s = load10(dir, Map.of());
        assertStandardCifar10(s);
        assertTrue(s.train().sources().get(0).path().endsWith("data_batch_1"), s.train().sources().toString());
    }

    @Test
    void python2BatchOfManyImagesUsesLongMemoIndicesAndSeveralAppendGroups() throws Exception {
        Path py = dir.resolve("cifar-10-batches-py");
        CifarFiles.writePy2(py);
        int[] images = new int[1500];
        int[] labels = new int[1500];
        for (int i = 0; i < images.length; i++) {
            images[i] = 1000 + i;
            labels[i] = (i * 7) % 10;
        }
        write(py.resolve("test_batch"), CifarFiles.py2Batch(images, labels, "testing batch 1 of 1"));
        Dataset test = load10(dir, Map.of()).test();
        assertArrayEquals(labels, test.labels());
        assertPixels(test, images);
    }

    @Test
    void columnMajorArrayIsReadByElementNotByStorageOrder() throws Exception {
        Path py = dir.resolve("cifar-10-batches-py");
        CifarFiles.writePy2(py);
        byte[] rowMajor = CifarFiles.pixelsOf(TEST_IMAGES);
        byte[] columnMajor = new byte[rowMajor.length];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3072; j++) {
                columnMajor[j * 3 + i] = rowMajor[i * 3072 + j];
            }
        }
        CifarFiles.Py2Pickle p = new CifarFiles.Py2Pickle().beginDict();
        p.str("data").uint8Array(3, 3072, columnMajor, true);
        p.str("labels").intList(TEST_LABELS);
        write(py.resolve("test_batch"), p.endDict());
        assertPixels(load10(dir, Map.of()).test(), TEST_IMAGES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"py3-protocol2", "py3-protocol4", "py3-protocol5"})
    void pythonFilesRepickledByPython3(String variant) throws Exception {
        assertStandardCifar10(load10(resource(variant), Map.of()));
    }

    @Test
    void pythonArchiveMadeByPythonTarfileIsReadWithoutExtracting() throws Exception {
        Path archive = resource("cifar-10-python.tar.gz");
        DatasetSplits s = load10(archive, Map.of());
        assertStandardCifar10(s);
        assertEquals(List.of(new SourceFile(archive.toString(), TestFiles.sha256(Files.readAllBytes(archive)),
                Files.size(archive))), s.train().sources());
    }

    private static byte[] binaryTar(String folder) throws IOException {
        Path tmp = Files.createTempDirectory("cifar");
        try {
            CifarFiles.writeBinary10(tmp);
            List<String> names = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (String f : List.of("batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                    "data_batch_4.bin", "data_batch_5.bin", "readme.html", "test_batch.bin")) {
                names.add(folder + "/" + f);
                contents.add(f.equals("readme.html") ? "<html/>".getBytes() : Files.readAllBytes(tmp.resolve(f)));
            }
            return CifarFiles.tar(names, contents);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void binaryTarGzInAFolderIsFoundAndStreamed() throws Exception {
        write(dir.resolve("cifar-10-binary.tar.gz"), gzip(binaryTar("cifar-10-batches-bin")));
        DatasetSplits s = load10(dir, Map.of());
        assertStandardCifar10(s);
        assertTrue(s.test().sources().get(0).path().endsWith("cifar-10-binary.tar.gz"));
    }

    @Test
    void uncompressedTarIsReadToo() throws Exception {
        Path archive = write(dir.resolve("cifar.tar"), binaryTar("cifar-10-batches-bin"));
        assertStandardCifar10(load10(archive, Map.of()));
    }

    @Test
    void formatChoosesBetweenVersionsInOneFolder() throws Exception {
        CifarFiles.writeBinary10(dir.resolve("cifar-10-batches-bin"));
        CifarFiles.writePy2(dir.resolve("cifar-10-batches-py"));
        assertTrue(load10(dir, Map.of()).train().sources().get(0).path().contains("batches-bin"));
        assertTrue(load10(dir, Map.of("format", "auto")).train().sources().get(0).path().contains("batches-bin"));
        DatasetSplits py = load10(dir, Map.of("format", "python"));
        assertTrue(py.train().sources().get(0).path().contains("batches-py"));
        assertStandardCifar10(py);
    }

    @Test
    void archiveOfTheOtherVersionThanAskedIsAnError() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> load10(resource("cifar-10-python.tar.gz"), Map.of("format", "binary")));
        assertTrue(e.getMessage().contains("python version, but format binary was asked for"), e.getMessage());
    }

    // ---- CIFAR-100

    static final int[] C100_TRAIN = {0, 1, 2, 3};
    static final int[] C100_TEST = {100, 101};

    private static int[] fine(int[] g) {
        return Arrays.stream(g).map(i -> 7 * i % 100).toArray();
    }

    private static int[] coarse(int[] g) {
        return Arrays.stream(g).map(i -> i % 20).toArray();
    }

    private static DatasetSplits load100(Path path, String labels) throws IOException {
        return new Cifar100Loader().load(new LoaderOptions(path, false,
                Parameters.of("dataset", labels == null ? Map.of() : Map.of("labels", labels))));
    }

    private static List<String> names(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(prefix + i);
        }
        return l;
    }

    static void writeBinary100(Path folder) {
        write(folder.resolve("train.bin"), CifarFiles.binaryBatch(C100_TRAIN, coarse(C100_TRAIN), fine(C100_TRAIN)));
        write(folder.resolve("test.bin"), CifarFiles.binaryBatch(C100_TEST, coarse(C100_TEST), fine(C100_TEST)));
        write(folder.resolve("fine_label_names.txt"), String.join("\n", names("fine", 100)).getBytes());
        write(folder.resolve("coarse_label_names.txt"), String.join("\n", names("coarse", 20)).getBytes());
    }

    private static byte[] py2Cifar100(int[] images) {
        CifarFiles.Py2Pickle p = new CifarFiles.Py2Pickle().beginDict();
        p.str("filenames").strList(Arrays.stream(images).mapToObj(g -> "f" + g + ".png").toList());
        p.str("batch_label").str("training batch 1 of 1");
        p.str("fine_labels").intList(fine(images));
        p.str("coarse_labels").intList(coarse(images));
        p.str("data").uint8Array(images.length, 3072, CifarFiles.pixelsOf(images));
        return p.endDict();
    }

    static void writePy2Cifar100(Path folder) {
        write(folder.resolve("train"), py2Cifar100(C100_TRAIN));
        write(folder.resolve("test"), py2Cifar100(C100_TEST));
        CifarFiles.Py2Pickle meta = new CifarFiles.Py2Pickle().beginDict();
        meta.str("fine_label_names").strList(names("fine", 100));
        meta.str("coarse_label_names").strList(names("coarse", 20));
        write(folder.resolve("meta"), meta.endDict());
    }

    @Test
    void cifar100BinaryFineAndCoarseLabels() throws Exception {
        writeBinary100(dir.resolve("cifar-100-binary"));
        DatasetSplits fine = load100(dir, null);
        assertPixels(fine.train(), C100_TRAIN);
        assertPixels(fine.test(), C100_TEST);
        assertArrayEquals(fine(C100_TRAIN), fine.train().labels());
        assertArrayEquals(fine(C100_TEST), fine.test().labels());
        assertEquals(names("fine", 100), fine.train().classNames());
        DatasetSplits coarse = load100(dir, "coarse");
        assertArrayEquals(coarse(C100_TRAIN), coarse.train().labels());
        assertEquals(names("coarse", 20), coarse.test().classNames());
        assertPixels(coarse.train(), C100_TRAIN);
    }

    @Test
    void cifar100PythonAsPublishedByPython2() throws Exception {
        writePy2Cifar100(dir.resolve("cifar-100-python"));
        DatasetSplits s = load100(dir, "fine");
        assertPixels(s.train(), C100_TRAIN);
        assertArrayEquals(fine(C100_TEST), s.test().labels());
        assertEquals("fine99", s.train().classNames().get(99));
        assertArrayEquals(coarse(C100_TRAIN), load100(dir, "coarse").train().labels());
    }

    @Test
    void cifar100PythonRepickledByPython3() throws Exception {
        DatasetSplits fine = load100(resource("py3-protocol2"), null);
        assertPixels(fine.train(), C100_TRAIN);
        assertPixels(fine.test(), C100_TEST);
        assertArrayEquals(fine(C100_TRAIN), fine.train().labels());
        assertEquals("apple", fine.train().classNames().get(0));
        assertEquals("worm", fine.train().classNames().get(99));
        DatasetSplits coarse = load100(resource("py3-protocol2"), "coarse");
        assertArrayEquals(coarse(C100_TEST), coarse.test().labels());
        assertEquals("vehicles_2", coarse.train().classNames().get(19));
    }

    @Test
    void cifar100LabelsOptionIsValidated() {
        writeBinary100(dir);
        OptionException e = assertThrows(OptionException.class, () -> load100(dir, "medium"));
        assertEquals("dataset.labels", e.keyPath());
    }

    // ---- broken files, one way each

    @Test
    void binaryBatchNotAWholeNumberOfRecordsNamesFileAndOffset() throws Exception {
        CifarFiles.writeBinary10(dir);
        byte[] b = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
        write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(b, b.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("data_batch_2.bin"), e.file());
        assertEquals(3073, e.offset());
        assertTrue(e.getMessage().contains("3073-byte records") && e.getMessage().contains("has only 2973 bytes"),
                e.getMessage());
    }

    @Test
    void cifar100RecordsAre3074Bytes() throws Exception {
        writeBinary100(dir);
        byte[] b = Files.readAllBytes(dir.resolve("test.bin"));
        write(dir.resolve("test.bin"), Arrays.copyOf(b, 3073 * 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load100(dir, null));
        assertTrue(e.file().endsWith("test.bin"), e.file());
        assertEquals(3074, e.offset());
        assertTrue(e.getMessage().contains("3074-byte records (2 label bytes"), e.getMessage());
    }

    @Test
    void binaryLabelOutOfRangeNamesItsByte() throws Exception {
        CifarFiles.writeBinary10(dir);
        write(dir.resolve("test_batch.bin"), CifarFiles.binaryBatch(TEST_IMAGES, new int[] {1, 4, 10}));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("test_batch.bin"));
        assertEquals(2 * 3073, e.offset());
        assertTrue(e.getMessage().contains("label of record 2 is 10"), e.getMessage());
    }

    @Test
    void nineClassNamesForLabelsZeroToNineAreRefusedInBothCifar10Versions() throws Exception {
        CifarFiles.writeBinary10(dir);
        write(dir.resolve("batches.meta.txt"), String.join("\n", CIFAR10_NAMES.subList(0, 9)).getBytes());
        DatasetFormatException bin = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(bin.file().endsWith("data_batch_5.bin"), bin.file());
        assertEquals(3073, bin.offset());
        assertTrue(bin.getMessage().endsWith("label of record 1 is 9, outside the 9 classes 0..8"), bin.getMessage());
        Path py = Files.createDirectories(dir.resolve("py"));
        CifarFiles.writePy2(py);
        write(py.resolve("batches.meta"), CifarFiles.py2Meta(CIFAR10_NAMES.subList(0, 9)));
        DatasetFormatException pickle = assertThrows(DatasetFormatException.class, () -> load10(py, Map.of()));
        assertTrue(pickle.file().endsWith("data_batch_5"), pickle.file());
        assertTrue(pickle.getMessage().endsWith("field 'labels'[1] is 9, outside the 9 classes 0..8"), pickle.getMessage());
    }

    @Test
    void cifar100LabelsOutsideTheirNameListAreRefusedInBothVersionsAndLabellings() throws Exception {
        writeBinary100(dir);
        write(dir.resolve("fine_label_names.txt"), String.join("\n", names("fine", 10)).getBytes());
        write(dir.resolve("coarse_label_names.txt"), String.join("\n", names("coarse", 3)).getBytes());
        DatasetFormatException fineBin = assertThrows(DatasetFormatException.class, () -> load100(dir, "fine"));
        assertTrue(fineBin.getMessage().endsWith("label of record 2 is 14, outside the 10 classes 0..9"), fineBin.getMessage());
        assertEquals(2 * 3074 + 1, fineBin.offset());
        DatasetFormatException coarseBin = assertThrows(DatasetFormatException.class, () -> load100(dir, "coarse"));
        assertTrue(coarseBin.getMessage().endsWith("label of record 3 is 3, outside the 3 classes 0..2"), coarseBin.getMessage());
        Path py = Files.createDirectories(dir.resolve("py"));
        writePy2Cifar100(py);
        CifarFiles.Py2Pickle meta = new CifarFiles.Py2Pickle().beginDict();
        meta.str("fine_label_names").strList(names("fine", 10));
        meta.str("coarse_label_names").strList(names("coarse", 3));
        write(py.resolve("meta"), meta.endDict());
        DatasetFormatException finePy = assertThrows(DatasetFormatException.class, () -> load100(py, "fine"));
        assertTrue(finePy.getMessage().endsWith("field 'fine_labels'[2] is 14, outside the 10 classes 0..9"),
                finePy.getMessage());
        DatasetFormatException coarsePy = assertThrows(DatasetFormatException.class, () -> load100(py, "coarse"));
        assertTrue(coarsePy.getMessage().endsWith("field 'coarse_labels'[3] is 3, outside the 3 classes 0..2"),
                coarsePy.getMessage());
    }

    @Test
    void pickleWithoutDataNamesTheMissingKey() throws Exception {
        CifarFiles.writePy2(dir);
        CifarFiles.Py2Pickle p = new CifarFiles.Py2Pickle().beginDict();
        p.str("labels").intList(new int[] {1, 2});
        write(dir.resolve("data_batch_3"), p.endDict());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("data_batch_3"), e.file());
        assertTrue(e.getMessage().contains("field 'data': missing") && e.getMessage().contains("[labels]"), e.getMessage());
    }

    @Test
    void pickleWithWrongDataShapeSaysWhatWasFound() throws Exception {
        CifarFiles.writePy2(dir);
        CifarFiles.Py2Pickle p = new CifarFiles.Py2Pickle().beginDict();
        p.str("data").uint8Array(4, 1536, CifarFiles.pixelsOf(new int[] {0, 1}));
        p.str("labels").intList(new int[] {1, 2, 3, 4});
        write(dir.resolve("data_batch_1"), p.endDict());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("data_batch_1"), e.file());
        assertTrue(e.getMessage().contains("expected a uint8 array of shape (N, 3072), found a numpy array uint8 (4, 1536)"),
                e.getMessage());
    }

    @Test
    void pickleLabelCountDifferentFromImageCount() throws Exception {
        CifarFiles.writePy2(dir);
        write(dir.resolve("test_batch"), CifarFiles.py2Batch(TEST_IMAGES, new int[] {1, 2}, "t"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("test_batch"), e.file());
        assertTrue(e.getMessage().contains("field 'labels' holds 2 labels but field 'data' holds 3 images"), e.getMessage());
    }

    @Test
    void pickleLabelOutOfRange() throws Exception {
        CifarFiles.writePy2(dir);
        write(dir.resolve("test_batch"), CifarFiles.py2Batch(TEST_IMAGES, new int[] {1, 2, 300}, "t"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("test_batch"), e.file());
        assertTrue(e.getMessage().contains("field 'labels'[2] is 300"), e.getMessage());
    }

    @Test
    void truncatedPickleNamesOffsetAndOpcode() throws Exception {
        CifarFiles.writePy2(dir);
        byte[] b = Files.readAllBytes(dir.resolve("data_batch_4"));
        write(dir.resolve("data_batch_4"), Arrays.copyOf(b, 500));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(dir, Map.of()));
        assertTrue(e.file().endsWith("data_batch_4"), e.file());
        assertTrue(e.offset() > 100 && e.offset() < 500, "offset " + e.offset());
        assertTrue(e.getMessage().contains("BINSTRING (0x54)") && e.getMessage().contains("needs 6144 bytes"),
                e.getMessage());
    }

    @Test
    void missingBatchFileIsNamed() throws Exception {
        CifarFiles.writeBinary10(dir);
        Files.delete(dir.resolve("data_batch_3.bin"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> load10(dir, Map.of()));
        assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
        assertEquals(4, load10(dir, Map.of("batches", 2)).train().size());
    }

    @Test
    void truncatedArchiveNamesTheArchiveAndWhereItEnds() throws Exception {
        byte[] gz = gzip(binaryTar("cifar-10-batches-bin"));
        Path archive = write(dir.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(archive, Map.of()));
        assertTrue(e.file().endsWith("cifar-10-binary.tar.gz"), e.file());
        assertEquals(gz.length / 2, e.offset());
        assertTrue(e.getMessage().contains("incomplete download"), e.getMessage());
    }

    @Test
    void corruptTarHeaderIsReportedAtItsOffset() throws Exception {
        byte[] tar = binaryTar("cifar-10-batches-bin");
        int second = 512 + 512; // batches.meta.txt is short: one header block and one data block
        tar[second + 10] ^= 0x55;
        Path archive = write(dir.resolve("cifar-10-binary.tar.gz"), gzip(tar));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load10(archive, Map.of()));
        assertEquals(second, e.offset());
        assertTrue(e.file().endsWith("cifar-10-binary.tar.gz (decompressed)"), e.file());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void notFoundListsEveryPlaceAndWhereToDownload() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CifarData.locate(Cifar10Loader.LAYOUT, null,
                List.of(dir.resolve("a"), dir), null));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("a") + " (no such file or folder)"), m);
        assertTrue(m.contains(dir.resolve("cifar-10-batches-bin").resolve("data_batch_1.bin").toString()), m);
        assertTrue(m.contains(dir.resolve("cifar-10-python.tar.gz").toString()), m);
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar.html"), m);
    }

    @Test
    void defaultPlacesAreUnderData() {
        assertEquals(List.of(Path.of("data/cifar-10"), Path.of("data")), Cifar10Loader.DEFAULT_PLACES);
    }
}
