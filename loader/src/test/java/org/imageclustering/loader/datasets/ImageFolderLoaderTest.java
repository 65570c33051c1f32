package org.imageclustering.loader.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {
    @TempDir
    Path dir;

    /** A w x h RGB image whose pixel (x, y) is red 10x + y, green 100 + y, blue 255 - x - seed. */
    static BufferedImage rgb(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((10 * x + y) << 16) | ((100 + y) << 8) | (255 - x - seed));
            }
        }
        return img;
    }

    static BufferedImage gray(int w, int h, int... values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < values.length; i++) {
            img.getRaster().setSample(i % w, i / w, 0, values[i]);
        }
        return img;
    }

    static Path png(Path file, BufferedImage img) {
        return save(file, img, "png");
    }

    static Path save(Path file, BufferedImage img, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DatasetSplits load(Path root, Map<String, Object> params) throws IOException {
        return load(root, params, false);
    }

    private static DatasetSplits load(Path root, Map<String, Object> params, boolean raw) throws IOException {
        return new ImageFolderLoader().load(new LoaderOptions(root, raw, Parameters.of("dataset", params)));
    }

    @Test
    void classesAreSortedFolderNamesAndRowsFollowSortedFileNames() throws Exception {
        png(dir.resolve("zebra/b.png"), rgb(3, 2, 1));
        png(dir.resolve("zebra/a.png"), rgb(3, 2, 2));
        png(dir.resolve("ant/x.png"), rgb(3, 2, 3));
        png(dir.resolve("mouse/m.PNG"), rgb(3, 2, 4));
        TestFiles.write(dir.resolve("mouse/notes.txt"), new byte[] {1});
        TestFiles.write(dir.resolve(".hidden/h.png"), new byte[] {1});
        Dataset d = load(dir, Map.of()).train();
        assertEquals(List.of("ant", "mouse", "zebra"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 2}, d.labels());
        // blue of (0, 0) is 255 - seed, so the rows are seeds 3, 4, 2, 1
        ImageShape s = d.shape();
        float[] seeds = new float[4];
        for (int i = 0; i < 4; i++) {
            seeds[i] = 255 - d.features().get(i, s.index(2, 0, 0)) * 255f;
        }
        assertArrayEquals(new float[] {3, 4, 2, 1}, seeds, 1e-4f);
        assertTrue(d.sources().get(3).path().endsWith("b.png"));
        assertEquals(TestFiles.sha256(Files.readAllBytes(dir.resolve("zebra/b.png"))), d.sources().get(3).sha256());
    }

    @Test
    void rgbPixelsLandInRedGreenBluePlanes() throws Exception {
        png(dir.resolve("c/a.png"), rgb(4, 3, 0));
        Dataset d = load(dir, Map.of(), true).train();
        assertEquals(new ImageShape(3, 3, 4), d.shape());
        ImageShape s = d.shape();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(10 * x + y, d.features().get(0, s.index(0, y, x)), 0f);
                assertEquals(100 + y, d.features().get(0, s.index(1, y, x)), 0f);
                assertEquals(255 - x, d.features().get(0, s.index(2, y, x)), 0f);
            }
        }
    }

    @Test
    void greyPngKeepsItsStoredValues() throws Exception {
        png(dir.resolve("c/g.png"), gray(2, 2, 0, 37, 128, 255));
        Dataset one = load(dir, Map.of("channels", 1)).train();
        assertEquals(new ImageShape(1, 2, 2), one.shape());
        assertArrayEquals(new float[] {0, 37 / 255f, 128 / 255f, 1}, one.features().row(0), 0f);
        Dataset three = load(dir, Map.of()).train();
        assertEquals(3, three.shape().channels());
        assertEquals(37 / 255f, three.features().get(0, three.shape().index(2, 0, 1)), 0f);
    }

    @Test
    void sixteenBitGreyAndPalettePngsGiveTheirValuesOn0To255() throws Exception {
        BufferedImage g16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 65535);
        g16.getRaster().setSample(1, 0, 0, 257 * 40);
        png(dir.resolve("a/g16.png"), g16);
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(2, 2,
                new byte[] {(byte) 10, (byte) 200}, new byte[] {(byte) 20, (byte) 0}, new byte[] {(byte) 30, (byte) 100});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(0, 0, 0, 1);
        png(dir.resolve("b/p.png"), indexed);
        Dataset d = load(dir, Map.of(), true).train();
        ImageShape s = d.shape();
        assertEquals(255, d.features().get(0, s.index(0, 0, 0)), 1e-3);
        assertEquals(40, d.features().get(0, s.index(2, 0, 1)), 1e-3);
        assertEquals(200, d.features().get(1, s.index(0, 0, 0)), 0f);
        assertEquals(100, d.features().get(1, s.index(2, 0, 0)), 0f);
        assertEquals(20, d.features().get(1, s.index(1, 0, 1)), 0f);
    }

    @Test
    void oneChannelFromColourIsRec601Luma() throws Exception {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, (200 << 16) | (100 << 8) | 50);
        png(dir.resolve("c/a.png"), img);
        Dataset d = load(dir, Map.of("channels", 1), true).train();
        assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 50, d.features().get(0, 0), 1e-3);
    }

    @Test
    void halvingTheSizeAveragesTwoByTwoBlocks() throws Exception {
        png(dir.resolve("c/a.png"), gray(4, 2, 0, 10, 100, 200, 20, 30, 50, 50));
        Dataset d = load(dir, Map.of("width", 2, "height", 1, "channels", 1), true).train();
        assertEquals(new ImageShape(1, 1, 2), d.shape());
        assertArrayEquals(new float[] {15, 100}, d.features().row(0), 1e-4f);
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() throws Exception {
        png(dir.resolve("c/a.png"), gray(2, 1, 0, 100));
        Dataset d = load(dir, Map.of("width", 4, "height", 1, "channels", 1), true).train();
        // centres of the 4 output pixels sit at source x = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
        assertArrayEquals(new float[] {0, 25, 75, 100}, d.features().row(0), 1e-4f);
    }

    @Test
    void differentSizesWithoutResizingNameTheFirstOddFile() {
        png(dir.resolve("a/1.png"), rgb(4, 4, 0));
        png(dir.resolve("a/2.png"), rgb(4, 4, 0));
        png(dir.resolve("b/1.png"), rgb(5, 4, 0));
        png(dir.resolve("b/2.png"), rgb(6, 4, 0));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(dir, Map.of()));
        assertTrue(e.file().endsWith("b/1.png"), e.file());
        assertTrue(e.getMessage().contains("image is 5 x 4 (width x height)") && e.getMessage().contains("a/1.png is 4 x 4")
                && e.getMessage().contains("set width and height"), e.getMessage());
    }

    @Test
    void resizingMakesMixedSizesOneShape() throws Exception {
        png(dir.resolve("a/1.png"), rgb(4, 4, 0));
        png(dir.resolve("b/1.png"), rgb(8, 6, 0));
        Dataset d = load(dir, Map.of("width", 4, "height", 4)).train();
        assertEquals(new ImageShape(3, 4, 4), d.shape());
        assertEquals(2, d.size());
    }

    @Test
    void jpegFilesAreRead() throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) {
            img.setRGB(i % 16, i / 16, (200 << 16) | (100 << 8) | 50);
        }
        save(dir.resolve("c/a.jpg"), img, "jpg");
        Dataset d = load(dir, Map.of(), true).train();
        assertEquals(200, d.features().get(0, d.shape().index(0, 8, 8)), 4);
        assertEquals(100, d.features().get(0, d.shape().index(1, 8, 8)), 4);
        assertEquals(50, d.features().get(0, d.shape().index(2, 8, 8)), 4);
    }

    @Test
    void testFolderUsesTheTrainingClasses() throws Exception {
        png(dir.resolve("train/cat/1.png"), rgb(2, 2, 0));
        png(dir.resolve("train/dog/1.png"), rgb(2, 2, 1));
        png(dir.resolve("test/dog/9.png"), rgb(2, 2, 2));
        Map<String, Object> params = new HashMap<>();
        params.put("test-path", dir.resolve("test").toString());
        DatasetSplits s = load(dir.resolve("train"), params);
        assertEquals(List.of("cat", "dog"), s.test().classNames());
        assertArrayEquals(new int[] {1}, s.test().labels());
        assertNull(load(dir.resolve("train"), Map.of()).test());

        png(dir.resolve("test/cow/1.png"), rgb(2, 2, 2));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> load(dir.resolve("train"), params));
        assertTrue(e.getMessage().contains("test class 'cow'"), e.getMessage());
    }

    @Test
    void testImagesOfAnotherSizeAreNamed() {
        png(dir.resolve("train/cat/1.png"), rgb(2, 2, 0));
        png(dir.resolve("test/cat/1.png"), rgb(2, 2, 0));
        png(dir.resolve("test/cat/2.png"), rgb(3, 2, 0));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(dir.resolve("train"),
                Map.of("test-path", dir.resolve("test").toString())));
        assertTrue(e.file().endsWith("2.png") && e.getMessage().contains("the training images are 2 x 2"), e.getMessage());
    }

    @Test
    void fileThatIsNotAnImageIsNamed() {
        png(dir.resolve("c/a.png"), rgb(2, 2, 0));
        TestFiles.write(dir.resolve("c/b.png"), "not a picture".getBytes());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(dir, Map.of()));
        assertTrue(e.file().endsWith("b.png"), e.file());
        assertTrue(e.getMessage().contains("not a PNG or JPEG image"), e.getMessage());
    }

    @Test
    void emptyOrMissingFoldersAreNamed() throws Exception {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> load(dir.resolve("nope"), Map.of()));
        assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
        NoSuchFileException noClasses = assertThrows(NoSuchFileException.class, () -> load(dir, Map.of()));
        assertTrue(noClasses.getMessage().contains("no class sub-folders"), noClasses.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        NoSuchFileException emptyClass = assertThrows(NoSuchFileException.class, () -> load(dir, Map.of()));
        assertTrue(emptyClass.getMessage().contains("empty") && emptyClass.getMessage().contains("no .png"),
                emptyClass.getMessage());
        assertThrows(NoSuchFileException.class, () -> new ImageFolderLoader().load(
                new LoaderOptions(null, false, Parameters.empty("dataset"))));
    }

    @Test
    void optionsAreValidated() {
        png(dir.resolve("c/a.png"), rgb(2, 2, 0));
        OptionException w = assertThrows(OptionException.class, () -> load(dir, Map.of("width", 4)));
        assertEquals("dataset.height", w.keyPath());
        OptionException c = assertThrows(OptionException.class, () -> load(dir, Map.of("channels", 2)));
        assertEquals("dataset.channels", c.keyPath());
        OptionException z = assertThrows(OptionException.class, () -> load(dir, Map.of("width", 0, "height", 3)));
        assertEquals("dataset.width", z.keyPath());
    }
}
