package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

class HogTransformTest {
    private static final int SIZE = 16;
    private static final ImageShape GREY = new ImageShape(1, SIZE, SIZE);

    /** A grey image that is 0 above row 8 and 1 from row 8 on: the gradient points down (90 degrees). */
    private static float[] horizontalEdge() {
        float[] px = new float[SIZE * SIZE];
        for (int y = SIZE / 2; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                px[y * SIZE + x] = 1;
            }
        }
        return px;
    }

    /** 1 where x + y >= 16: the gradient points along the diagonal, at 45 degrees. */
    private static float[] diagonalEdge() {
        float[] px = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                px[y * SIZE + x] = x + y >= SIZE ? 1 : 0;
            }
        }
        return px;
    }

    private static float[] hog(HogOptions o, float[] image, ImageShape shape) {
        Dataset d = TestData.dataset("edge", FloatMatrix.wrap(1, image.length, image), shape);
        return new HogTransform(o).fit(d, TestData.context(1)).apply(d).features().data();
    }

    /** Sum over all blocks of each orientation bin. */
    private static double[] binTotals(float[] features, int bins) {
        double[] t = new double[bins];
        for (int i = 0; i < features.length; i++) {
            t[i % bins] += features[i];
        }
        return t;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void horizontalEdgeVotesOnlyForTheNinetyDegreeBin() {
        // 9 unsigned bins of 20 degrees centred at 10, 30, ..., 170: 90 degrees is the centre of bin 4
        double[] totals = binTotals(hog(HogOptions.withCellSize(4), horizontalEdge(), GREY), 9);
        assertEquals(4, argmax(totals));
        for (int b = 0; b < 9; b++) {
            if (b != 4) {
                assertTrue(totals[b] < 1e-5 * totals[4], "bin " + b + " has " + totals[b]);
            }
        }
    }

    @Test
    void diagonalEdgeSplitsBetweenTheTwoNearestBinsByDistance() {
        // 45 degrees lies between the centres of bin 1 (30) and bin 2 (50), three quarters of the way to bin 2
        double[] totals = binTotals(hog(new HogOptions(4, 2, 9, false, BlockNorm.L2, 0.2), diagonalEdge(), GREY), 9);
        assertEquals(2, argmax(totals));
        assertEquals(3.0, totals[2] / totals[1], 0.05);
        // only where the edge meets the image border (replicated pixels) do other bins get votes
        assertTrue(totals[1] + totals[2] > 0.9 * java.util.Arrays.stream(totals).sum());
    }

    @Test
    void everyNonEmptyBlockHasUnitNormAfterL2Hys() {
        HogOptions o = HogOptions.withCellSize(4);
        float[] f = hog(o, horizontalEdge(), GREY);
        int blockLength = 2 * 2 * 9;
        assertEquals(3 * 3 * blockLength, f.length);
        int nonEmpty = 0;
        for (int b = 0; b < f.length / blockLength; b++) {
            double s = 0;
            double max = 0;
            for (int i = b * blockLength; i < (b + 1) * blockLength; i++) {
                s += f[i] * f[i];
                max = Math.max(max, f[i]);
            }
            if (s > 0) {
                nonEmpty++;
                assertEquals(1, Math.sqrt(s), 1e-4, "block " + b);
            }
        }
        assertTrue(nonEmpty > 0);
    }

    @Test
    void descriptorIgnoresContrastThanksToBlockNormalisation() {
        float[] img = diagonalEdge();
        float[] dim = img.clone();
        for (int i = 0; i < dim.length; i++) {
            dim[i] *= 0.25f;
        }
        assertArrayEquals(hog(HogOptions.withCellSize(4), img, GREY), hog(HogOptions.withCellSize(4), dim, GREY), 1e-4f);
    }

    @Test
    void colourUsesTheChannelWithTheLargestGradient() {
        float[] edge = horizontalEdge();
        float[] rgb = new float[3 * edge.length];
        // a weak copy of the edge in red, the full edge in green, nothing in blue
        for (int i = 0; i < edge.length; i++) {
            rgb[i] = 0.1f * edge[i];
            rgb[edge.length + i] = edge[i];
        }
        HogOptions o = HogOptions.withCellSize(4);
        assertArrayEquals(hog(o, edge, GREY), hog(o, rgb, new ImageShape(3, SIZE, SIZE)), 1e-6f);
    }

    @Test
    void outputSizeFollowsCellsAndBlocksAndLeavesPixelSpace() {
        Dataset images = TestData.randomImages(7, new ImageShape(1, 28, 28), 3);
        HogTransform t = new HogTransform(HogOptions.from(Parameters.of("t", Map.of("cell-size", 4, "orientations", 12))));
        FittedTransform f = t.fit(images, TestData.context(1));
        Dataset out = f.apply(images);
        // 7 x 7 cells, 6 x 6 blocks of 2 x 2 cells, 12 bins
        assertEquals(6 * 6 * 4 * 12, out.features().cols());
        assertNull(out.shape());
        try (Parallelism p = Parallelism.of(3)) {
            assertArrayEquals(out.features().data(), f.apply(images, p).features().data());
        }
    }

    @Test
    void badParametersFailNamingTheKey() {
        OptionException e = assertThrows(OptionException.class,
                () -> HogOptions.from(Parameters.of("transforms[1]", Map.of("orientations", 1))));
        assertEquals("transforms[1].orientations", e.keyPath());
        OptionException norm = assertThrows(OptionException.class,
                () -> HogOptions.from(Parameters.of("transforms[1]", Map.of("block-norm", "l3"))));
        assertEquals("transforms[1].block-norm", norm.keyPath());
        Dataset tiny = TestData.randomImages(2, new ImageShape(1, 8, 8), 1);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> new HogTransform(HogOptions.withCellSize(8)).fit(tiny, TestData.context(1)));
        assertTrue(tooBig.getMessage().contains("cell-size"), tooBig.getMessage());
    }

    @Test
    void defaultCellSizeComesFromTheImageShapeAndIsRecorded() {
        // 8-pixel cells leave a 28 x 28 image 3 x 3 cells (Fashion-MNIST NMI 0.558 against 0.637 with 4)
        assertEquals(4, HogOptions.cellSizeFor(28, 28));
        assertEquals(4, HogOptions.cellSizeFor(32, 32));
        assertEquals(8, HogOptions.cellSizeFor(128, 64));
        assertEquals(2, HogOptions.cellSizeFor(8, 8));
        for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of(), Map.of("cell-size", "auto"))) {
            Dataset images = TestData.randomImages(3, new ImageShape(1, 28, 28), 5);
            FittedTransform f = new HogTransform(HogOptions.from(Parameters.of("t", settings))).fit(images, TestData.context(1));
            assertEquals(4, f.summary().get("cell_size"), settings.toString());
            assertEquals("input shape", f.summary().get("cell_size_from"));
            assertEquals("7x7", f.summary().get("cells"));
            assertEquals(6 * 6 * 4 * 9, f.apply(images).features().cols());
        }
        FittedTransform given = new HogTransform(HogOptions.from(Parameters.of("t", Map.of("cell-size", 8))))
                .fit(TestData.randomImages(3, new ImageShape(1, 28, 28), 5), TestData.context(1));
        assertEquals(8, given.summary().get("cell_size"));
        assertEquals("settings", given.summary().get("cell_size_from"));
    }
}
