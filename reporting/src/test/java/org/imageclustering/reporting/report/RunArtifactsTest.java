package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
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
        assertEquals(List.of("centroids", "labels-train", "nearest", "contingency-train", "centroid-mosaic",
                "cluster-montage"), List.copyOf(files.keySet()));
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
