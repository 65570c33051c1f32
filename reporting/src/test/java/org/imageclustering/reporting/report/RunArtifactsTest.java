package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArtifactsTest {
    @TempDir
    Path dir;

    @Test
    void centroidsLabelsNearestAndContingencyRoundTrip() throws Exception {
        RunArtifacts a = new RunArtifacts(dir);
        FloatMatrix c = FloatMatrix.of(new float[][] {{1.5f, -2f, Float.MIN_VALUE}, {0f, 3.25f, 1e30f}});
        String rel = a.writeCentroids("run-1", c);
        assertEquals("runs/run-1/centroids.f32", rel);
        assertEquals(c, a.readMatrix(rel));
        int[] labels = {0, 1, 1, 0, 2};
        assertArrayEquals(labels, a.readLabels(a.writeLabels("run-1", "test", labels)));
        int[][] nearest = {{3, 1}, {}, {7}};
        assertArrayEquals(nearest, a.readNearest(a.writeNearest("run-1", nearest)));
        RunArtifacts.Table t = a.readContingency(a.writeContingency("run-1", "train", new int[] {0, 0, 1, 2},
                new int[] {1, 1, 0, 0}, 3, List.of("T-shirt/top", "Trouser, long", "Pullover")));
        assertEquals(List.of("T-shirt/top", "Trouser, long", "Pullover"), t.classNames());
        assertArrayEquals(new long[][] {{0, 2, 0}, {1, 0, 0}, {1, 0, 0}}, t.counts());
        try (var files = Files.list(dir.resolve("runs/run-1"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** Centroids with values whose shortest decimal forms differ in kind: exponents, subnormals, -0. */
    private static final FloatMatrix CENTROIDS = FloatMatrix.of(new float[][] {
        {1.5f, -2f, Float.MIN_VALUE}, {0.1f, -0f, 1e30f}, {1f / 3, 123456.79f, 1e-5f}});
    private static final int[] TRAIN = {0, 2, 1, 1, 0, 2, 2};

    @Test
    void centroidsAndLabelsAreAlsoWrittenAsNpyAndCsvWithTheSameValues() throws IOException {
        RunArtifacts a = new RunArtifacts(dir);
        Locale before = Locale.getDefault();
        Map<String, String> files;
        try {
            Locale.setDefault(Locale.GERMANY); // a decimal comma must not leak into the CSV
            FloatMatrix features = FloatMatrix.zeros(TRAIN.length, 3);
            files = a.saveStandard("r", features, TRAIN, CENTROIDS, null, null, null, null, null);
            files.putAll(a.writeLabelFiles("r", "test", new int[] {1, 0}));
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(List.of("centroids", "centroids-npy", "centroids-csv", "labels-train", "labels-train-npy",
                "labels-train-csv", "nearest", "labels-test", "labels-test-npy", "labels-test-csv"),
                List.copyOf(files.keySet()));
        assertEquals("runs/r/centroids.npy", files.get("centroids-npy"));
        assertEquals("runs/r/labels-test.csv", files.get("labels-test-csv"));

        FloatMatrix f32 = a.readMatrix(files.get("centroids"));
        assertEquals(f32, Npy.readMatrix(a.resolve(files.get("centroids-npy"))));
        List<String> csv = Files.readAllLines(a.resolve(files.get("centroids-csv")), StandardCharsets.UTF_8);
        assertEquals(List.of("f0,f1,f2", "1.5,-2.0,1.4E-45", "0.1,-0.0,1.0E30", "0.33333334,123456.79,1.0E-5"), csv);
        for (int i = 0; i < f32.rows(); i++) {
            String[] cells = csv.get(i + 1).split(",");
            for (int j = 0; j < f32.cols(); j++) {
                assertEquals(Float.floatToIntBits(f32.get(i, j)), Float.floatToIntBits(Float.parseFloat(cells[j])),
                        "row " + i + ", column " + j + " round-trips");
            }
        }

        for (String split : List.of("train", "test")) {
            int[] i32 = a.readLabels(files.get(RunArtifacts.labelsKey(split)));
            assertArrayEquals(i32, Npy.readInts(a.resolve(files.get(RunArtifacts.labelsNpyKey(split)))));
            List<String> lines = Files.readAllLines(a.resolve(files.get(RunArtifacts.labelsCsvKey(split))));
            assertEquals("row,cluster", lines.get(0));
            assertEquals(i32.length + 1, lines.size());
            for (int i = 0; i < i32.length; i++) {
                assertEquals(i + "," + i32[i], lines.get(i + 1));
            }
        }
    }

    @Test
    void numpyLoadsTheWrittenNpyAndCsvFiles() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Assumptions.assumeTrue(run(python, "import numpy").exitValue() == 0, "numpy is not installed");
        RunArtifacts a = new RunArtifacts(dir);
        Map<String, String> files = a.writeCentroidFiles("r", CENTROIDS);
        files.putAll(a.writeLabelFiles("r", "train", TRAIN));
        Process p = run(python, "import sys, numpy as np\n"
                        + "c = np.load(sys.argv[1]); l = np.load(sys.argv[2])\n"
                        + "cc = np.loadtxt(sys.argv[3], delimiter=',', skiprows=1, dtype=np.float32)\n"
                        + "lc = np.loadtxt(sys.argv[4], delimiter=',', skiprows=1, dtype=np.int64)\n"
                        + "print(c.dtype, c.shape, l.dtype, l.shape, int(l.sum()), np.array_equal(c, cc), "
                        + "np.array_equal(l, lc[:, 1]), c[2, 0].item())",
                a.resolve(files.get("centroids-npy")).toString(), a.resolve(files.get("labels-train-npy")).toString(),
                a.resolve(files.get("centroids-csv")).toString(), a.resolve(files.get("labels-train-csv")).toString());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals("float32 (3, 3) int32 (7,) " + Arrays.stream(TRAIN).sum() + " True True "
                + (double) (1f / 3), out);
    }

    private static Process run(Path python, String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(), "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        return p;
    }

    @Test
    void truncatedMatrixNamesFileAndOffset() throws Exception {
        RunArtifacts a = new RunArtifacts(dir);
        String rel = a.writeCentroids("r", FloatMatrix.zeros(2, 2));
        Path file = dir.resolve(rel);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.readMatrix(rel));
        assertTrue(e.getMessage().endsWith("centroids.f32 at byte 12: a 2 x 2 matrix needs 16 bytes of values, "
                + "the file has 13"), e.getMessage());
        Files.write(file, new byte[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        e = assertThrows(IllegalStateException.class, () -> a.readMatrix(rel));
        assertTrue(e.getMessage().contains("at byte 0: expected the magic ICF1"), e.getMessage());
    }

    @Test
    void runIdsThatCouldEscapeTheFolderAreRejected() {
        RunArtifacts a = new RunArtifacts(dir);
        assertThrows(IllegalArgumentException.class, () -> a.writeLabels("../x", "train", new int[0]));
        assertThrows(IllegalArgumentException.class, () -> a.writeLabels("ok", "a/b", new int[0]));
    }

    @Test
    void nearestAreTheClosestRowsOfEachClusterInOrder() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {5}, {1}, {9}, {10}, {-0.5f}});
        FloatMatrix c = FloatMatrix.of(new float[][] {{0}, {10}});
        int[][] n = RunArtifacts.nearestToCentroids(x, new int[] {0, 0, 0, 1, 1, 0}, c, 3);
        assertArrayEquals(new int[] {0, 5, 2}, n[0]);
        assertArrayEquals(new int[] {4, 3}, n[1]);
    }

    @Test
    void saveStandardDrawsMosaicAndMontageFromPixelRows() throws Exception {
        RunArtifacts a = new RunArtifacts(dir);
        ImageShape shape = new ImageShape(1, 2, 3);
        // Two "images": all black and all white; centroids equal to them.
        FloatMatrix x = FloatMatrix.of(new float[][] {{0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}});
        Map<String, String> files = a.saveStandard("r", x, new int[] {0, 1}, x, new int[] {0, 1}, List.of("a", "b"),
                x, x, shape);
        assertEquals(List.of("centroids", "centroids-npy", "centroids-csv", "labels-train", "labels-train-npy",
                "labels-train-csv", "nearest", "contingency-train", "centroid-mosaic", "cluster-montage"),
                List.copyOf(files.keySet()));
        BufferedImage mosaic = ImageIO.read(dir.resolve(files.get("centroid-mosaic")).toFile());
        int scale = Pictures.defaultScale(shape);
        assertEquals(2 * (3 * scale + Pictures.GAP) + Pictures.GAP, mosaic.getWidth());
        assertEquals(0x000000, mosaic.getRGB(Pictures.GAP, Pictures.GAP) & 0xFFFFFF, "first tile black");
        assertEquals(0xFFFFFF, mosaic.getRGB(2 * Pictures.GAP + 3 * scale, Pictures.GAP) & 0xFFFFFF,
                "second tile white");
        BufferedImage montage = ImageIO.read(dir.resolve(files.get("cluster-montage")).toFile());
        assertEquals(2 * (2 * scale + Pictures.GAP) + Pictures.GAP, montage.getHeight(), "one line per cluster");
        assertEquals(2 * (3 * scale + Pictures.GAP) + Pictures.GAP, montage.getWidth(), "centroid, then 1 image");
        assertEquals(0xFFFFFF, montage.getRGB(Pictures.GAP, 2 * Pictures.GAP + 2 * scale) & 0xFFFFFF,
                "line 2 starts with the white centroid");
    }

    @Test
    void montageGreyRangeComesFromTheImagesNotAnOvershootingCentroid() {
        ImageShape shape = new ImageShape(1, 1, 1);
        FloatMatrix images = FloatMatrix.of(new float[][] {{0.5f}});
        FloatMatrix centroid = FloatMatrix.of(new float[][] {{1.7f}});
        BufferedImage img = Pictures.montage(images, shape, new int[][] {{0}}, 1, centroid);
        assertEquals(0xFFFFFF, img.getRGB(Pictures.GAP, Pictures.GAP) & 0xFFFFFF, "centroid clipped to white");
        assertEquals(0x808080, img.getRGB(2 * Pictures.GAP + 1, Pictures.GAP) & 0xFFFFFF, "image keeps its grey");
    }

    @Test
    void colourRowsAreDrawnChannelPlanar() {
        ImageShape shape = new ImageShape(3, 1, 2);
        // Pixel 0 red, pixel 1 blue: planes R = [1, 0], G = [0, 0], B = [0, 1].
        FloatMatrix row = FloatMatrix.of(new float[][] {{1, 0, 0, 0, 0, 1}});
        BufferedImage img = Pictures.grid(row, shape, 1, 1);
        assertEquals(0xFF0000, img.getRGB(Pictures.GAP, Pictures.GAP) & 0xFFFFFF);
        assertEquals(0x0000FF, img.getRGB(Pictures.GAP + 1, Pictures.GAP) & 0xFFFFFF);
    }

    @Test
    void withoutAnInverseTheMosaicShowsClusterMeansOfThePixels() {
        RunArtifacts a = new RunArtifacts(dir);
        ImageShape shape = new ImageShape(1, 1, 2);
        FloatMatrix features = FloatMatrix.of(new float[][] {{5}, {6}, {50}});
        FloatMatrix pixels = FloatMatrix.of(new float[][] {{0, 1}, {1, 1}, {0, 0}});
        Map<String, String> files = a.saveStandard("r", features, new int[] {0, 0, 1},
                FloatMatrix.of(new float[][] {{5.5f}, {50}}), null, null, null, pixels, shape);
        assertTrue(files.containsKey("mean-mosaic"));
        assertEquals(FloatMatrix.of(new float[][] {{0.5f, 1}, {0, 0}}),
                RunArtifacts.clusterMeans(pixels, new int[] {0, 0, 1}, 2));
    }
}
