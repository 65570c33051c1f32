package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
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

    /** One step of a chain as an experiment file names it: a transform name and its settings. */
    private record Step(String name, Map<String, Object> settings) {
    }

    private static Step step(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new Step(name, m);
    }

    /** The steps built as the experiment runner builds them, step {@code i} at {@code path[i]}. */
    private static List<Transform> chain(String path, Step... steps) {
        List<Transform> chain = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            chain.add(Transforms.create(FACTORIES, steps[i].name(), Parameters.of(path + "[" + i + "]", steps[i].settings())));
        }
        return chain;
    }

    @Test
    void chainFitsEachStepOnThePreviousOutputAndAppliesTheSameToTest() {
        Transforms.Fitted fitted = Transforms.fit(chain("transforms", step("grayscale"), step("pca", "components", 5)), train,
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
        Transforms.Fitted fitted = Transforms.fit(chain("transforms", step("standardize"),
                step("pca", "components", train.size() - 1, "method", "covariance")), train,
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
        List<Transform> resizeThenPca = chain("t", step("resize", "width", 4, "height", 4), step("pca", "components", 3));
        Transforms.Fitted f = Transforms.fit(resizeThenPca, train, TestData.context(1));
        Pictures p = f.chain().toPictures(f.train().features()).orElseThrow();
        assertEquals(new ImageShape(3, 4, 4), p.shape());
        assertFalse(p.complete());
        assertFalse(f.chain().inverse(f.train().features()).isPresent());
        Transforms.Fitted hog = Transforms.fit(chain("t", step("hog", "cell-size", 4, "block-size", 1)), train,
                TestData.context(1));
        assertFalse(hog.chain().toPictures(hog.train().features()).isPresent());
    }

    @Test
    void unknownTransformNamesAndKeysFailWithTheirPath() {
        OptionException name = assertThrows(OptionException.class,
                () -> chain("feature-sets[1].transforms", step("scale"), step("hogg")));
        assertEquals("feature-sets[1].transforms[1].transform", name.keyPath());
        assertTrue(name.getMessage().contains("unknown transform 'hogg' (did you mean 'hog'?)"), name.getMessage());
        OptionException key = assertThrows(OptionException.class,
                () -> chain("transforms", step("pca", "components", 5, "whiten", "yes")));
        assertEquals("transforms[0].whiten", key.keyPath());
    }

    /** Every transform: applying to test data never changes what was learned from train. */
    @Test
    void fittedTransformsNeverRefitOnTheDataTheyAreAppliedTo() {
        List<Step> all = List.of(
                step("scale"), step("standardize"), step("grayscale"),
                step("l2-normalize"), step("resize", "width", 6, "height", 6),
                step("pca", "components", 4), step("pca", "variance", 0.5, "whiten", true),
                step("hog", "cell-size", 4), step("color-histogram", "bins", 4),
                step("patch-kmeans-features", "patch-size", 3, "dictionary-size", 4, "patches", 200));
        FloatMatrix shifted = shifted(test.features(), 5f);
        Dataset otherTest = test.withFeatures(shifted, shape);
        for (int i = 0; i < all.size(); i++) {
            Transform t = chain("t", all.get(i)).get(0);
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
