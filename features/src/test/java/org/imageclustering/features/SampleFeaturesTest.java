package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.io.Npy;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.junit.jupiter.api.Test;

/**
 * The shipped precomputed-features sample, {@code data/fashion-mnist-sample-features/}, is what this
 * generator makes of the shipped Fashion-MNIST sample: PCA to {@value #COMPONENTS} components (exact
 * covariance method), fitted on the 2,000 training images, as float32 {@code train.npy} and
 * {@code test.npy}. To write the files again (from the repository root):
 * {@code mvn -B -ntp -q -pl features -am test -Dtest=SampleFeaturesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dregenerate-sample-features=true}.
 */
class SampleFeaturesTest {
    static final int COMPONENTS = 20;
    static final Path ROOT = Path.of("..");
    static final Path SAMPLE = ROOT.resolve("data/fashion-mnist-sample");
    static final Path FEATURES = ROOT.resolve("data/fashion-mnist-sample-features");

    @Test
    void shippedSampleFeaturesAreThePcaOfTheShippedSample() throws IOException {
        DatasetSplits images = new FashionMnistLoader().load(LoaderOptions.at(SAMPLE));
        FittedTransform pca = new PcaTransform(PcaOptions.components(COMPONENTS).withMethod(PcaMethod.COVARIANCE))
                .fit(images.train(), FitContext.of(1));
        byte[] train = Npy.toBytes(pca.apply(images.train()).features());
        byte[] test = Npy.toBytes(pca.apply(images.test()).features());
        if (Boolean.getBoolean("regenerate-sample-features")) {
            Files.createDirectories(FEATURES);
            Files.write(FEATURES.resolve("train.npy"), train);
            Files.write(FEATURES.resolve("test.npy"), test);
        }
        assertEquals(2000, Npy.readMatrix(FEATURES.resolve("train.npy")).rows());
        assertArrayEquals(train, Files.readAllBytes(FEATURES.resolve("train.npy")), "train.npy is stale; regenerate it");
        assertArrayEquals(test, Files.readAllBytes(FEATURES.resolve("test.npy")), "test.npy is stale; regenerate it");
    }
}
