package org.imageclustering.loader.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;

/** Loads the real Fashion-MNIST files: the sample shipped in the repository, and the full Debian dataset where installed. */
class FashionMnistDataTest {
    /** Surefire runs in the module folder; the sample is at the repository root. */
    static final Path SAMPLE = Path.of("..", "data", "fashion-mnist-sample");
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private static byte[] gunzipPrefix(Path file, int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(n);
        }
    }

    private static void checkAgainstFiles(Path folder, Dataset train, String prefix) throws IOException {
        byte[] labels = gunzipPrefix(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), 8 + 50);
        for (int i = 0; i < 50; i++) {
            assertEquals(labels[8 + i] & 0xff, train.labels()[i], "label " + i);
        }
        byte[] images = gunzipPrefix(folder.resolve(prefix + "-images-idx3-ubyte.gz"), 16 + 2 * 784);
        for (int p = 0; p < 2 * 784; p++) {
            assertEquals((images[16 + p] & 0xff) / 255f, train.features().data()[p], 0f, "value " + p);
        }
    }

    @Test
    void shippedSampleHas2000TrainAnd500TestImagesMatchingItsFiles() throws Exception {
        DatasetSplits s = new FashionMnistLoader().load(LoaderOptions.at(SAMPLE));
        assertEquals(2000, s.train().size());
        assertEquals(500, s.test().size());
        assertEquals(new ImageShape(1, 28, 28), s.train().shape());
        assertEquals(784, s.test().features().cols());
        // the first training images of Fashion-MNIST are an ankle boot, a T-shirt, a T-shirt, a dress
        assertArrayEquals(new int[] {9, 0, 0, 3}, java.util.Arrays.copyOf(s.train().labels(), 4));
        checkAgainstFiles(SAMPLE, s.train(), "train");
        checkAgainstFiles(SAMPLE, s.test(), "t10k");
        int[] perClass = new int[10];
        for (int y : s.train().labels()) {
            perClass[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] > 100, "class " + c + " has " + perClass[c] + " of 2000");
        }
    }

    @Test
    void fullDebianDatasetHas60000TrainAnd10000TestImages() throws Exception {
        assumeTrue(Files.isDirectory(DEBIAN), "dataset-fashion-mnist is not installed");
        // no path: the loader's first default place is the Debian package
        DatasetSplits s = new FashionMnistLoader().load(new LoaderOptions(null, false, Parameters.empty("dataset")));
        assertTrue(s.train().sources().get(0).path().startsWith(DEBIAN.toString()), s.train().sources().toString());
        assertEquals(60_000, s.train().size());
        assertEquals(10_000, s.test().size());
        checkAgainstFiles(DEBIAN, s.train(), "train");
        int[] perClass = new int[10];
        for (int y : s.train().labels()) {
            perClass[y]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, perClass);
        float max = 0;
        for (float v : s.train().features().data()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
    }
}
