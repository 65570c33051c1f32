package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

/** scale, standardize, grayscale, l2-normalize and resize on inputs with known answers. */
class PixelTransformsTest {
    private static Dataset rows(float[][] values) {
        return TestData.dataset("t", FloatMatrix.of(values), null);
    }

    @Test
    void scaleMapsTheTrainingRangeOntoTheTargetAndInvertsExactly() {
        ImageShape shape = new ImageShape(1, 1, 3);
        Dataset train = TestData.dataset("train", FloatMatrix.of(new float[][] {{0, 51, 255}, {102, 204, 0}}), shape);
        FittedTransform f = new ScaleTransform(ScaleOptions.from(Parameters.empty("t"))).fit(train, TestData.context(1));
        Dataset out = f.apply(train);
        assertArrayEquals(new float[] {0, 0.2f, 1, 0.4f, 0.8f, 0}, out.features().data(), 1e-6f);
        assertEquals(shape, out.shape());
        Dataset test = TestData.dataset("test", FloatMatrix.of(new float[][] {{510, -255, 127.5f}}), shape);
        assertArrayEquals(new float[] {2, -1, 0.5f}, f.apply(test).features().data(), 1e-6f);
        assertArrayEquals(train.features().data(), f.inverse(out.features()).orElseThrow().data(), 1e-4f);
    }

    @Test
    void perFeatureScaleUsesEachColumnsRangeAndShiftsConstantColumns() {
        Dataset train = rows(new float[][] {{1, 10, 5}, {3, 30, 5}});
        FittedTransform f = new ScaleTransform(new ScaleOptions(-1, 1, true)).fit(train, TestData.context(1));
        assertArrayEquals(new float[] {-1, -1, -1, 1, 1, -1}, f.apply(train).features().data(), 1e-6f);
        assertArrayEquals(train.features().data(), f.inverse(f.apply(train).features()).orElseThrow().data(), 1e-5f);
    }

    @Test
    void standardizeGivesZeroMeanUnitVarianceAndKeepsConstantColumnsFinite() {
        Dataset train = rows(new float[][] {{1, 7}, {3, 7}, {5, 7}, {7, 7}});
        FittedTransform f = new StandardizeTransform(StandardizeOptions.from(Parameters.empty("t"))).fit(train, TestData.context(1));
        FloatMatrix y = f.apply(train).features();
        double sd = Math.sqrt(5); // population sd of 1, 3, 5, 7
        assertArrayEquals(new float[] {(float) (-3 / sd), 0, (float) (-1 / sd), 0, (float) (1 / sd), 0,
            (float) (3 / sd), 0}, y.data(), 1e-6f);
        assertArrayEquals(train.features().data(), f.inverse(y).orElseThrow().data(), 1e-5f);
        OptionException none = assertThrows(OptionException.class, () -> StandardizeOptions
                .from(Parameters.of("transforms[2]", Map.of("with-mean", false, "with-std", false))));
        assertEquals("transforms[2].with-std", none.keyPath());
    }

    @Test
    void grayscaleUsesBt601WeightsAndItsInverseHasTheSameLuma() {
        ImageShape rgb = new ImageShape(3, 1, 2);
        // pixel 0 pure red, pixel 1 mixed; channel-planar: R R G G B B
        Dataset train = TestData.dataset("rgb", FloatMatrix.of(new float[][] {{1, 0.2f, 0, 0.4f, 0, 0.6f}}), rgb);
        FittedTransform f = new GrayscaleTransform().fit(train, TestData.context(1));
        Dataset grey = f.apply(train);
        assertEquals(new ImageShape(1, 1, 2), grey.shape());
        assertArrayEquals(new float[] {0.299f, (float) (0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6)},
                grey.features().data(), 1e-6f);
        FloatMatrix back = f.inverse(grey.features()).orElseThrow();
        assertEquals(6, back.cols());
        assertArrayEquals(grey.features().data(), f.apply(TestData.dataset("b", back, rgb)).features().data(), 1e-6f);
    }

    @Test
    void grayscalePassesGreyImagesThroughAndRejectsNonImages() {
        Dataset grey = TestData.dataset("g", FloatMatrix.of(new float[][] {{0.1f, 0.2f}}), new ImageShape(1, 1, 2));
        assertSame(grey, new GrayscaleTransform().fit(grey, TestData.context(1)).apply(grey));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GrayscaleTransform().fit(rows(new float[][] {{1, 2}}), TestData.context(1)));
        assertTrue(e.getMessage().contains("no image shape"), e.getMessage());
    }

    @Test
    void l2NormalizeGivesUnitRowsAndLeavesZeroRowsAlone() {
        Dataset d = rows(new float[][] {{3, 4}, {0, 0}});
        FittedTransform f = new L2NormalizeTransform().fit(d, TestData.context(1));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0}, f.apply(d).features().data(), 1e-6f);
        assertFalse(f.inverse(d.features()).isPresent());
    }

    @Test
    void resizeHalvingAveragesTwoByTwoBlocks() {
        ImageShape s = new ImageShape(1, 4, 4);
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i;
        }
        Dataset d = TestData.dataset("r", FloatMatrix.wrap(1, 16, px), s);
        Dataset out = new ResizeTransform(new ResizeOptions(2, 2)).fit(d, TestData.context(1)).apply(d);
        assertEquals(new ImageShape(1, 2, 2), out.shape());
        // block means: (0+1+4+5)/4, (2+3+6+7)/4, (8+9+12+13)/4, (10+11+14+15)/4
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out.features().data(), 1e-6f);
    }

    @Test
    void resizeDoublingInterpolatesBetweenPixelCentres() {
        ImageShape s = new ImageShape(1, 1, 2);
        Dataset d = TestData.dataset("r", FloatMatrix.of(new float[][] {{0, 4}}), s);
        Dataset out = new ResizeTransform(ResizeOptions.from(Parameters.of("t", Map.of("width", 4, "height", 1))))
                .fit(d, TestData.context(1)).apply(d);
        // output centres sit at input positions -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
        assertArrayEquals(new float[] {0, 1, 3, 4}, out.features().data(), 1e-6f);
    }

    @Test
    void resizeTreatsEveryChannelAlike() {
        ImageShape s = new ImageShape(3, 2, 2);
        Dataset d = TestData.dataset("r", FloatMatrix.of(new float[][] {{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}}), s);
        Dataset out = new ResizeTransform(new ResizeOptions(3, 1)).fit(d, TestData.context(1)).apply(d);
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2, 3, 3, 3}, out.features().data(), 1e-6f);
        OptionException bad = assertThrows(OptionException.class,
                () -> ResizeOptions.from(Parameters.of("transforms[0]", Map.of("width", 0, "height", 2))));
        assertEquals("transforms[0].width", bad.keyPath());
        OptionException missing = assertThrows(OptionException.class,
                () -> ResizeOptions.from(Parameters.of("transforms[0]", Map.of("width", 3))));
        assertEquals("transforms[0].height", missing.keyPath());
    }
}
