package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

class ColorHistogramTransformTest {
    @Test
    void countsEveryPixelInItsJointRgbBin() {
        // four pixels, channel-planar: (R, G, B) = (0.9, 0.1, 0.1), (0.9, 0.1, 0.1), (0.1, 0.9, 0.6), (1.0, 1.0, 1.0)
        ImageShape shape = new ImageShape(3, 2, 2);
        Dataset d = TestData.dataset("c", FloatMatrix.of(new float[][] {{
            0.9f, 0.9f, 0.1f, 1f,
            0.1f, 0.1f, 0.9f, 1f,
            0.1f, 0.1f, 0.6f, 1f}}), shape);
        FittedTransform f = new ColorHistogramTransform(new ColorHistogramOptions(2, 0, 1, false))
                .fit(d, TestData.context(1));
        float[] h = f.apply(d).features().data();
        float[] expected = new float[8];
        expected[(1 * 2 + 0) * 2 + 0] = 2; // red
        expected[(0 * 2 + 1) * 2 + 1] = 1; // green-cyan
        expected[(1 * 2 + 1) * 2 + 1] = 1; // white: the top edge falls in the last bin
        assertArrayEquals(expected, h);
        float[] fractions = new ColorHistogramTransform(ColorHistogramOptions.from(Parameters.of("t", Map.of("bins", 2))))
                .fit(d, TestData.context(1)).apply(d).features().data();
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i] / 4, fractions[i], 1e-7);
        }
    }

    @Test
    void greyImagesGetAnIntensityHistogramAndOutOfRangeValuesAreClamped() {
        Dataset d = TestData.dataset("g", FloatMatrix.of(new float[][] {{-3f, 0.3f, 0.7f, 9f}}), new ImageShape(1, 2, 2));
        float[] h = new ColorHistogramTransform(new ColorHistogramOptions(4, 0, 1, false))
                .fit(d, TestData.context(1)).apply(d).features().data();
        assertArrayEquals(new float[] {1, 1, 1, 1}, h);
    }

    @Test
    void badParametersFailNamingTheKey() {
        OptionException e = assertThrows(OptionException.class,
                () -> ColorHistogramOptions.from(Parameters.of("transforms[0]", Map.of("bins", 1))));
        assertEquals("transforms[0].bins", e.keyPath());
        OptionException range = assertThrows(OptionException.class,
                () -> ColorHistogramOptions.from(Parameters.of("transforms[0]", Map.of("max", 0))));
        assertEquals("transforms[0].max", range.keyPath());
    }
}
