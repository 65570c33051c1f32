package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

class PatchKMeansFeaturesTransformTest {
    private static final int K = 8;
    private static final PatchFeaturesOptions OPTIONS = new PatchFeaturesOptions(4, 1, K, 600,
            PatchFeaturesOptions.DEFAULT_CONTRAST_EPSILON, 0.1, 20);

    private final Dataset train = TestData.structuredImages(30, 12, 1);

    private PatchKMeansFeaturesTransform.Fitted fit(long seed) {
        return new PatchKMeansFeaturesTransform(OPTIONS).fit(train, TestData.context(seed));
    }

    @Test
    void outputHasFourPooledQuadrantsPerCentroidAndNoImageShape() {
        Dataset out = fit(1).apply(train);
        assertEquals(4 * K, out.features().cols());
        assertEquals(train.size(), out.size());
        assertNull(out.shape());
        assertArrayEquals(train.labels(), out.labels());
    }

    @Test
    void sameSeedGivesSameFeaturesAndAnotherSeedAnotherDictionary() {
        float[] a = fit(5).apply(train).features().data();
        assertArrayEquals(a, fit(5).apply(train).features().data());
        assertFalse(Arrays.equals(a, fit(6).apply(train).features().data()));
    }

    @Test
    void encodingIsTheSameAtAnyThreadCount() {
        PatchKMeansFeaturesTransform.Fitted f = fit(2);
        try (Parallelism p = Parallelism.of(3)) {
            assertArrayEquals(f.apply(train).features().data(), f.apply(train, p).features().data());
        }
    }

    @Test
    void triangleActivationsAreNonNegativeAndAboutHalfZero() {
        PatchKMeansFeaturesTransform.Fitted f = fit(3);
        PatchKMeansFeaturesTransform.Encoder enc = f.encoder();
        // whitened patches of one image at every position
        int pd = 16;
        int grid = 12 - 4 + 1;
        float[] patches = new float[grid * grid * pd];
        ImageShape shape = train.shape();
        float[] image = train.features().row(0);
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                int o = (y * grid + x) * pd;
                PatchKMeansFeaturesTransform.extract(image, 0, shape, 4, y, x, patches, o);
                PatchKMeansFeaturesTransform.normalise(patches, o, pd, OPTIONS.contrastEpsilon());
            }
        }
        FloatMatrix activations = enc.triangle(enc.whiten(FloatMatrix.wrap(grid * grid, pd, patches),
                Parallelism.sequential()));
        int zeros = 0;
        for (int i = 0; i < activations.rows(); i++) {
            int rowZeros = 0;
            for (int c = 0; c < K; c++) {
                float v = activations.get(i, c);
                assertTrue(v >= 0, "activation " + v);
                if (v == 0) {
                    rowZeros++;
                }
            }
            // the centroids at or above the mean distance are switched off: always at least one
            assertTrue(rowZeros >= 1 && rowZeros < K, "zeros in row " + i + ": " + rowZeros);
            zeros += rowZeros;
        }
        double zeroFraction = (double) zeros / activations.data().length;
        assertTrue(zeroFraction > 0.3 && zeroFraction < 0.8, "fraction of zero activations " + zeroFraction);
        // pooled features are the sums of these activations over quadrants
        double pooled = 0;
        for (float v : f.apply(train.select(new int[] {0})).features().data()) {
            pooled += v;
        }
        double direct = 0;
        for (float v : activations.data()) {
            direct += v;
        }
        assertEquals(direct, pooled, 1e-3 * direct);
    }

    @Test
    void summaryRecordsTheDictionary() {
        Map<String, Object> s = fit(1).summary();
        assertEquals(K, s.get("dictionary_size"));
        assertEquals(4 * K, s.get("features"));
        assertEquals("9x9", s.get("patch_grid"));
        double active = (Double) s.get("active_fraction_on_training_patches");
        assertTrue(active > 0.2 && active < 0.7, "active fraction " + active);
    }

    @Test
    void badParametersFailNamingTheKey() {
        OptionException few = assertThrows(OptionException.class, () -> PatchFeaturesOptions.from(Parameters.of("feature-sets[2].transforms[0]",
                Map.of("dictionary-size", 100, "patches", 50))));
        assertEquals("feature-sets[2].transforms[0].patches", few.keyPath());
        OptionException size = assertThrows(OptionException.class,
                () -> PatchFeaturesOptions.from(Parameters.of("t", Map.of("patch-size", 1))));
        assertEquals("t.patch-size", size.keyPath());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> new PatchKMeansFeaturesTransform(
                new PatchFeaturesOptions(13, 1, K, 600, 0.01, 0.1, 5)).fit(train, TestData.context(1)));
        assertTrue(big.getMessage().contains("patch-size 13"), big.getMessage());
    }

    @Test
    void defaultStrideComesFromTheImageShapeAndIsRecorded() {
        assertEquals(1, PatchFeaturesOptions.strideFor(28, 28));
        assertEquals(1, PatchFeaturesOptions.strideFor(32, 32));
        assertEquals(3, PatchFeaturesOptions.strideFor(96, 96));
        assertEquals(8, PatchFeaturesOptions.strideFor(256, 300));
        Dataset large = TestData.randomImages(4, new org.imageclustering.core.ImageShape(1, 70, 64), 2);
        for (java.util.Map<String, Object> settings : java.util.List.<java.util.Map<String, Object>>of(
                java.util.Map.of("patch-size", 4, "dictionary-size", 4, "patches", 100),
                java.util.Map.of("patch-size", 4, "dictionary-size", 4, "patches", 100, "stride", "auto"))) {
            FittedTransform f = new PatchKMeansFeaturesTransform(PatchFeaturesOptions.from(
                    org.imageclustering.core.Parameters.of("t", settings))).fit(large, TestData.context(1));
            assertEquals(2, f.summary().get("stride"), settings.toString());
            assertEquals("input shape", f.summary().get("stride_from"));
            assertEquals("34x31", f.summary().get("patch_grid"));
        }
        FittedTransform given = new PatchKMeansFeaturesTransform(OPTIONS).fit(train, TestData.context(1));
        assertEquals(1, given.summary().get("stride"));
        assertEquals("settings", given.summary().get("stride_from"));
    }
}
