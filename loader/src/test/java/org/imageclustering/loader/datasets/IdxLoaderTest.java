package org.imageclustering.loader.datasets;

import static org.imageclustering.loader.datasets.TestFiles.bytes;
import static org.imageclustering.loader.datasets.TestFiles.concat;
import static org.imageclustering.loader.datasets.TestFiles.gzip;
import static org.imageclustering.loader.datasets.TestFiles.idxHeader;
import static org.imageclustering.loader.datasets.TestFiles.idxImages;
import static org.imageclustering.loader.datasets.TestFiles.idxLabels;
import static org.imageclustering.loader.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

class IdxLoaderTest {
    @TempDir
    Path dir;

    /** Three 2 x 3 images whose pixels are 10*i + position, and labels 2, 0, 9. */
    private static final byte[] PIXELS = new byte[18];
    private static final byte[] LABELS = bytes(2, 0, 9);

    static {
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                PIXELS[6 * i + p] = (byte) (40 * i + p + (i == 2 ? 150 : 0));
            }
        }
    }

    private void writeSet(Path folder, boolean gz) {
        byte[] img = idxImages(3, 2, 3, PIXELS);
        byte[] lab = idxLabels(LABELS);
        String ext = gz ? ".gz" : "";
        write(folder.resolve("train-images-idx3-ubyte" + ext), gz ? gzip(img) : img);
        write(folder.resolve("train-labels-idx1-ubyte" + ext), gz ? gzip(lab) : lab);
        write(folder.resolve("t10k-images-idx3-ubyte" + ext), gz ? gzip(img) : img);
        write(folder.resolve("t10k-labels-idx1-ubyte" + ext), gz ? gzip(lab) : lab);
    }

    private static DatasetSplits fashion(Path folder) throws Exception {
        return new FashionMnistLoader().load(LoaderOptions.at(folder));
    }

    @Test
    void rawAndGzipFilesGiveTheSameScaledPixelsLabelsAndShape() throws Exception {
        writeSet(dir.resolve("raw"), false);
        writeSet(dir.resolve("gz"), true);
        for (String variant : List.of("raw", "gz")) {
            Dataset train = fashion(dir.resolve(variant)).train();
            assertEquals(new ImageShape(1, 2, 3), train.shape());
            assertEquals(3, train.size());
            assertArrayEquals(new int[] {2, 0, 9}, train.labels());
            assertEquals(FashionMnistLoader.CLASS_NAMES, train.classNames());
            assertEquals("Pullover", train.classNames().get(train.labels()[0]));
            for (int i = 0; i < 18; i++) {
                assertEquals((PIXELS[i] & 0xff) / 255f, train.features().data()[i], 0f, variant + " pixel " + i);
            }
            assertEquals(1f * (PIXELS[17] & 0xff) / 255f, train.features().get(2, 5), 0f);
            assertEquals("fashion-mnist/train", train.name());
        }
    }

    @Test
    void rawOptionKeepsStoredByteValues() throws Exception {
        writeSet(dir, true);
        DatasetSplits s = new FashionMnistLoader().load(new LoaderOptions(dir, true, Parameters.empty("dataset")));
        assertEquals(PIXELS[17] & 0xff, s.train().features().get(2, 5), 0f);
        assertEquals(235f, s.test().features().get(2, 5), 0f); // 40 * 2 + 5 + 150
    }

    @Test
    void sourcesCarryTheSha256OfEachFileAsStored() throws Exception {
        writeSet(dir, true);
        Dataset train = fashion(dir).train();
        byte[] stored = java.nio.file.Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz"));
        SourceFile images = train.sources().get(0);
        assertTrue(images.path().endsWith("train-images-idx3-ubyte.gz"), images.path());
        assertEquals(TestFiles.sha256(stored), images.sha256());
        assertEquals(stored.length, images.bytes());
        assertEquals(2, train.sources().size());
    }

    @Test
    void mnistNamesItsClassesByDigit() throws Exception {
        writeSet(dir, false);
        DatasetSplits s = new MnistLoader().load(LoaderOptions.at(dir));
        assertEquals("9", s.train().classNames().get(s.train().labels()[2]));
        assertEquals("mnist/test", s.test().name());
    }

    @Test
    void idxLoaderReadsNamedFilesWithGivenClassNamesAndNoTestSplit() throws Exception {
        write(dir.resolve("x.idx"), idxImages(3, 2, 3, PIXELS));
        write(dir.resolve("y.idx.gz"), gzip(idxLabels(bytes(1, 0, 1))));
        Parameters p = Parameters.of("dataset", Map.of("train-images", "x.idx", "train-labels", "y.idx.gz",
                "class-names", List.of("cat", "dog")));
        DatasetSplits s = new IdxLoader().load(new LoaderOptions(dir, false, p));
        assertEquals(List.of("cat", "dog"), s.train().classNames());
        assertEquals("idx/train", s.train().name());
        assertArrayEquals(new int[] {1, 0, 1}, s.train().labels());
        assertNull(s.test());
    }

    @Test
    void idxLoaderWithoutClassNamesNamesClassesUpToTheLargestLabel() throws Exception {
        writeSet(dir, false);
        DatasetSplits s = new IdxLoader().load(LoaderOptions.at(dir));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), s.train().classNames());
    }

    @Test
    void unknownOptionIsRejectedWithItsKeyPath() {
        writeSet(dir, false);
        OptionException e = assertThrows(OptionException.class, () -> new FashionMnistLoader().load(
                new LoaderOptions(dir, false, Parameters.of("dataset", Map.of("batches", 2)))));
        assertEquals("dataset.batches", e.keyPath());
    }

    @Test
    void wrongMagicNamesFileAndOffsetZero() {
        writeSet(dir, false);
        write(dir.resolve("train-images-idx3-ubyte"), idxLabels(LABELS));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-images-idx3-ubyte"), e.file());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("expected IDX magic number 2051") && e.getMessage().contains("found 2049"),
                e.getMessage());
    }

    @Test
    void truncatedIdxFileNamesOffsetWhereItEndsAndTheExpectedEnd() {
        writeSet(dir, false);
        byte[] img = idxImages(3, 2, 3, PIXELS);
        write(dir.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(img, img.length - 5));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-images-idx3-ubyte"), e.file());
        assertEquals(16 + 18 - 5, e.offset());
        assertTrue(e.getMessage().contains("should end at byte 34"), e.getMessage());
    }

    @Test
    void truncatedGzipIdxFileNamesTheDecompressedOffset() {
        writeSet(dir, true);
        byte[] img = idxImages(3, 2, 3, PIXELS);
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(java.util.Arrays.copyOf(img, 30)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-images-idx3-ubyte.gz (decompressed)"), e.file());
        assertEquals(30, e.offset());
        assertTrue(e.getMessage().contains("expected 3 x 2 x 3 values"), e.getMessage());
    }

    @Test
    void gzipFileCutShortNamesWhereTheCompressedDataEnds() {
        writeSet(dir, true);
        byte[] gz = gzip(idxImages(3, 2, 3, PIXELS));
        write(dir.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length - 12));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-images-idx3-ubyte.gz"), e.file());
        assertEquals(gz.length - 12, e.offset());
        assertTrue(e.getMessage().contains("incomplete download"), e.getMessage());
    }

    @Test
    void truncatedHeaderNamesTheMissingSizes() {
        writeSet(dir, false);
        write(dir.resolve("train-labels-idx1-ubyte"), bytes(0, 0, 8, 1, 0, 0));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-labels-idx1-ubyte"), e.file());
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().contains("big-endian 32-bit sizes"), e.getMessage());
    }

    @Test
    void forgedHeaderClaiming2To31ImagesFailsBeforeAllocating() {
        writeSet(dir, false);
        write(dir.resolve("train-images-idx3-ubyte"), concat(idxHeader(2051, 1L << 31, 28, 28), PIXELS));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
    }

    @Test
    void forgedGzipHeaderCostsOnlyTheBytesPresent() {
        // 2e9 one-pixel images fit one Java array, so only reading incrementally keeps a 3 GB heap alive
        writeSet(dir, true);
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(concat(idxHeader(2051, 2_000_000_000L, 1, 1), PIXELS)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertEquals(16 + 18, e.offset());
        assertTrue(e.getMessage().contains("2000000000 x 1 x 1"), e.getMessage());
    }

    @Test
    void forgedPlainHeaderIsCheckedAgainstTheFileLength() {
        writeSet(dir, false);
        write(dir.resolve("train-images-idx3-ubyte"), concat(idxHeader(2051, 2_000_000_000L, 1, 1), PIXELS));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertEquals(34, e.offset());
        assertTrue(e.getMessage().contains("file ends at byte 34"), e.getMessage());
    }

    @Test
    void trailingBytesAfterTheDeclaredValuesAreReported() {
        writeSet(dir, false);
        write(dir.resolve("train-labels-idx1-ubyte"), concat(idxLabels(LABELS), bytes(1, 2)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertEquals(11, e.offset());
        assertTrue(e.getMessage().contains("2 more bytes follow"), e.getMessage());
    }

    @Test
    void labelCountDifferentFromImageCountNamesBothFiles() {
        writeSet(dir, false);
        write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(bytes(1, 2)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("t10k-labels-idx1-ubyte"), e.file());
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("holds 2 labels") && e.getMessage().contains("holds 3 images"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesItsByteOffset() {
        writeSet(dir, false);
        write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(bytes(2, 10, 9)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().endsWith("train-labels-idx1-ubyte"), e.file());
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("label of image 1 is 10"), e.getMessage());
    }

    @Test
    void labelsBeyondTheClassNamesAreRefusedByEveryIdxLoader() throws Exception {
        writeSet(dir, false);
        write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(bytes(2, 0, 10)));
        DatasetFormatException mnist = assertThrows(DatasetFormatException.class,
                () -> new MnistLoader().load(LoaderOptions.at(dir)));
        assertTrue(mnist.file().endsWith("t10k-labels-idx1-ubyte"), mnist.file());
        assertTrue(mnist.getMessage().endsWith("label of image 2 is 10, outside the 10 classes 0..9"), mnist.getMessage());
        // idx with class names given, and idx naming classes after the training labels: the test split may not add one
        Parameters named = Parameters.of("dataset", Map.of("class-names", List.of("a", "b", "c")));
        DatasetFormatException idx = assertThrows(DatasetFormatException.class,
                () -> new IdxLoader().load(new LoaderOptions(dir, false, named)));
        assertTrue(idx.getMessage().endsWith("label of image 2 is 9, outside the 3 classes 0..2"), idx.getMessage());
        write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(bytes(2, 0, 9)));
        write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(bytes(2, 0, 1)));
        DatasetFormatException test = assertThrows(DatasetFormatException.class, () -> new IdxLoader().load(LoaderOptions.at(dir)));
        assertTrue(test.file().endsWith("t10k-labels-idx1-ubyte"), test.file());
        assertTrue(test.getMessage().endsWith("label of image 2 is 9, outside the 3 classes 0..2"), test.getMessage());
    }

    @Test
    void corruptGzipStreamNamesTheFile() {
        writeSet(dir, true);
        byte[] gz = gzip(idxImages(3, 2, 3, PIXELS));
        gz[12] ^= (byte) 0xff;
        gz[13] ^= (byte) 0xff;
        write(dir.resolve("train-images-idx3-ubyte.gz"), gz);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> fashion(dir));
        assertTrue(e.file().contains("train-images-idx3-ubyte.gz"), e.file());
    }

    @Test
    void missingDataListsEveryPlaceTriedAndHowToGetIt() {
        Path empty = dir.resolve("empty");
        write(empty.resolve("readme.txt"), bytes(1));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxDatasets.locate("fashion-mnist", null,
                List.of(dir.resolve("nowhere"), empty), FashionMnistLoader.HOW_TO_GET));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("nowhere") + " (no such folder)"), m);
        assertTrue(m.contains(empty + " (no train-images-idx3-ubyte[.gz] in it)"), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("github.com/zalandoresearch/fashion-mnist"), m);
    }

    @Test
    void defaultPlacesStartWithTheDebianPackage() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnistLoader.DEFAULT_PLACES.get(0));
        assertEquals(Path.of("data/fashion-mnist"), FashionMnistLoader.DEFAULT_PLACES.get(1));
    }

    @Test
    void incompleteTestSplitIsAnError() {
        writeSet(dir, false);
        try {
            java.nio.file.Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fashion(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }
}
