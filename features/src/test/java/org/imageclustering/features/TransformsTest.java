package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

class TransformsTest {
    /** The built-in transforms under their experiment-file names, bound as the experiment runner binds them. */
    static final Map<String, TransformFactory> FACTORIES = Map.of(
            "scale", p -> new ScaleTransform(ScaleOptions.from(p)),
            "standardize", p -> new StandardizeTransform(StandardizeOptions.from(p)),
            "grayscale", TransformFactory.withoutKeys(GrayscaleTransform::new),
            "l2-normalize", TransformFactory.withoutKeys(L2NormalizeTransform::new),
            "resize", p -> new ResizeTransform(ResizeOptions.from(p)),
            "pca", p -> new PcaTransform(PcaOptions.from(p)),
            "hog", p -> new HogTransform(HogOptions.from(p)),
            "color-histogram", p -> new ColorHistogramTransform(ColorHistogramOptions.from(p)),
            "patch-kmeans-features", p -> new PatchKMeansFeaturesTransform(PatchFeaturesOptions.from(p)));

    private final ImageShape shape = new ImageShape(3, 8, 8);
    private final Dataset train = TestData.randomImages(60, shape, 1);
    private final Dataset test = TestData.randomImages(20, shape, 2);

    private static Map<String, Object> entry(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void chainFitsEachStepOnThePreviousOutputAndAppliesTheSameToTest() {
        List<Map<String, Object>> entries = List.of(entry("transform", "grayscale"),
                entry("transform", "pca", "components", 5));
        Transforms.Fitted fitted = Transforms.fit(Transforms.create(FACTORIES, entries, "transforms"), train,
                TestData.context(7));
        Dataset grey = new GrayscaleTransform().fit(train, TestData.context(1)).apply(train);
        PcaModel pca = new PcaTransform(PcaOptions.components(5)).fit(grey,
                TestData.context(Seeds.derive(7, 1)));
        assertArrayEquals(pca.apply(grey).features().data(), fitted.train().features().data(), 1e-6f);
        Dataset greyTest = new GrayscaleTransform().fit(train, TestData.context(1)).apply(test);
        assertArrayEquals(pca.apply(greyTest).features().data(), fitted.chain().apply(test).features().data(), 1e-6f);
        assertEquals(2, ((List<?>) fitted.chain().summary().get("steps")).size());
    }

    @Test
    void inversesComposeBackToPixels() {
        List<Map<String, Object>> entries = List.of(entry("transform", "standardize"),
                entry("transform", "pca", "components", train.size() - 1, "method", "covariance"));
        Transforms.Fitted fitted = Transforms.fit(Transforms.create(FACTORIES, entries, "transforms"), train,
                TestData.context(1));
        // with n - 1 components of n centred rows the projection loses nothing on the training rows
        FloatMatrix back = fitted.chain().inverse(fitted.train().features()).orElseThrow();
        assertArrayEquals(train.features().data(), back.data(), 1e-3f);
        Pictures pictures = fitted.chain().toPictures(fitted.train().features().selectRows(new int[] {0, 1}))
                .orElseThrow();
        assertEquals(shape, pictures.shape());
        assertTrue(pictures.complete());
    }

    @Test
    void picturesStopAtTheLastInvertibleImageSpace() {
        List<Map<String, Object>> resizeThenPca = List.of(entry("transform", "resize", "width", 4, "height", 4),
                entry("transform", "pca", "components", 3));
        Transforms.Fitted f = Transforms.fit(Transforms.create(FACTORIES, resizeThenPca, "t"), train, TestData.context(1));
        Pictures p = f.chain().toPictures(f.train().features()).orElseThrow();
        assertEquals(new ImageShape(3, 4, 4), p.shape());
        assertFalse(p.complete());
        assertFalse(f.chain().inverse(f.train().features()).isPresent());
        Transforms.Fitted hog = Transforms.fit(Transforms.create(FACTORIES,
                List.of(entry("transform", "hog", "cell-size", 4, "block-size", 1)), "t"), train, TestData.context(1));
        assertFalse(hog.chain().toPictures(hog.train().features()).isPresent());
    }

    @Test
    void unknownTransformNamesAndKeysFailWithTheirPath() {
        OptionException name = assertThrows(OptionException.class, () -> Transforms.create(FACTORIES,
                List.of(entry("transform", "scale"), entry("transform", "hogg")), "feature-sets[1].transforms"));
        assertEquals("feature-sets[1].transforms[1].transform", name.keyPath());
        assertTrue(name.getMessage().contains("hog"), name.getMessage());
        OptionException key = assertThrows(OptionException.class, () -> Transforms.create(FACTORIES,
                List.of(entry("transform", "pca", "components", 5, "whiten", "yes")), "transforms"));
        assertEquals("transforms[0].whiten", key.keyPath());
        OptionException missing = assertThrows(OptionException.class, () -> Transforms.create(FACTORIES,
                List.of(entry("components", 5)), "transforms"));
        assertEquals("transforms[0].transform", missing.keyPath());
    }

    /** Every transform: applying to test data never changes what was learned from train. */
    @Test
    void fittedTransformsNeverRefitOnTheDataTheyAreAppliedTo() {
        List<Map<String, Object>> all = List.of(
                entry("transform", "scale"), entry("transform", "standardize"), entry("transform", "grayscale"),
                entry("transform", "l2-normalize"), entry("transform", "resize", "width", 6, "height", 6),
                entry("transform", "pca", "components", 4), entry("transform", "pca", "variance", 0.5, "whiten", true),
                entry("transform", "hog", "cell-size", 4), entry("transform", "color-histogram", "bins", 4),
                entry("transform", "patch-kmeans-features", "patch-size", 3, "dictionary-size", 4, "patches", 200));
        FloatMatrix shifted = shifted(test.features(), 5f);
        Dataset otherTest = test.withFeatures(shifted, shape);
        for (int i = 0; i < all.size(); i++) {
            Transform t = Transforms.create(FACTORIES, all.subList(i, i + 1), "t").get(0);
            FittedTransform f = t.fit(train, TestData.context(3));
            Map<String, Object> learned = f.summary();
            float[] onTrain = f.apply(train).features().data();
            f.apply(test);
            f.apply(otherTest);
            assertEquals(learned.toString(), f.summary().toString(), all.get(i).toString());
            assertArrayEquals(onTrain, f.apply(train).features().data(), all.get(i).toString());
        }
    }

    private static FloatMatrix shifted(FloatMatrix x, float by) {
        float[] d = x.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * 3 + by;
        }
        return FloatMatrix.wrap(x.rows(), x.cols(), d);
    }

    @Test
    void everyFactoryRejectsUnknownKeys() {
        for (Map.Entry<String, TransformFactory> e : FACTORIES.entrySet()) {
            Map<String, Object> params = new LinkedHashMap<>();
            if (e.getKey().equals("pca")) {
                params.put("components", 2);
            }
            if (e.getKey().equals("resize")) {
                params.put("width", 2);
                params.put("height", 2);
            }
            params.put("colour", 1);
            OptionException ex = assertThrows(OptionException.class,
                    () -> e.getValue().create(Parameters.of("transforms[0]", params)), e.getKey());
            assertEquals("transforms[0].colour", ex.keyPath(), e.getKey());
        }
    }
}
