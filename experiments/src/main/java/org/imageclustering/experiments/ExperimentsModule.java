package org.imageclustering.experiments;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.multibindings.MapBinder;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.kmeans.KMeansFactory;
import org.imageclustering.core.kmeans.MiniBatchKMeansFactory;
import org.imageclustering.core.spectral.SpectralFactory;
import org.imageclustering.features.ColorHistogramOptions;
import org.imageclustering.features.ColorHistogramTransform;
import org.imageclustering.features.GrayscaleTransform;
import org.imageclustering.features.HogOptions;
import org.imageclustering.features.HogTransform;
import org.imageclustering.features.L2NormalizeTransform;
import org.imageclustering.features.PatchFeaturesOptions;
import org.imageclustering.features.PatchKMeansFeaturesTransform;
import org.imageclustering.features.PcaOptions;
import org.imageclustering.features.PcaTransform;
import org.imageclustering.features.ResizeOptions;
import org.imageclustering.features.ResizeTransform;
import org.imageclustering.features.ScaleOptions;
import org.imageclustering.features.ScaleTransform;
import org.imageclustering.features.StandardizeOptions;
import org.imageclustering.features.StandardizeTransform;
import org.imageclustering.features.TransformFactory;
import org.imageclustering.loader.datasets.Cifar100Loader;
import org.imageclustering.loader.datasets.Cifar10Loader;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.imageclustering.loader.datasets.FeatureFileFormat;
import org.imageclustering.loader.datasets.FeaturesLoader;
import org.imageclustering.loader.datasets.IdxLoader;
import org.imageclustering.loader.datasets.ImageFolderLoader;
import org.imageclustering.loader.datasets.MnistLoader;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.metrics.Metrics;
import java.util.Map;

/**
 * The Guice wiring of the experiment runner: every loader, algorithm, transform and metric under
 * the name an experiment file uses. Adding one is one class and one line here, for example
 * {@code loaders(binder()).addBinding("my-dataset").to(MyDatasetLoader.class);}. Another module can
 * add names the same way, through the static methods below.
 */
public class ExperimentsModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, DatasetLoader> loaders = loaders(binder());
        loaders.addBinding("fashion-mnist").to(FashionMnistLoader.class);
        loaders.addBinding("mnist").to(MnistLoader.class);
        loaders.addBinding("idx").to(IdxLoader.class);
        loaders.addBinding("cifar10").to(Cifar10Loader.class);
        loaders.addBinding("cifar100").to(Cifar100Loader.class);
        loaders.addBinding("image-folder").to(ImageFolderLoader.class);
        loaders.addBinding("features").toProvider(new FeaturesLoaderProvider());
        featureFormats(binder()); // .npy and CSV are built in; another engine may add more

        bindAlgorithms(algorithms(binder()));

        MapBinder<String, TransformFactory> transforms = transforms(binder());
        transforms.addBinding("scale").toInstance(p -> new ScaleTransform(ScaleOptions.from(p)));
        transforms.addBinding("standardize").toInstance(p -> new StandardizeTransform(StandardizeOptions.from(p)));
        transforms.addBinding("grayscale").toInstance(TransformFactory.withoutKeys(GrayscaleTransform::new));
        transforms.addBinding("l2-normalize").toInstance(TransformFactory.withoutKeys(L2NormalizeTransform::new));
        transforms.addBinding("resize").toInstance(p -> new ResizeTransform(ResizeOptions.from(p)));
        transforms.addBinding("pca").toInstance(p -> new PcaTransform(PcaOptions.from(p)));
        transforms.addBinding("hog").toInstance(p -> new HogTransform(HogOptions.from(p)));
        transforms.addBinding("color-histogram").toInstance(p -> new ColorHistogramTransform(ColorHistogramOptions.from(p)));
        transforms.addBinding("patch-kmeans-features").toInstance(p -> new PatchKMeansFeaturesTransform(PatchFeaturesOptions.from(p)));

        // The reporting module's registry is the one list of metric names and classes.
        MapBinder<String, Metric> metrics = metrics(binder());
        Metrics.factories().forEach((name, factory) -> metrics.addBinding(name).toInstance(factory.get()));
    }

    /**
     * Binds every algorithm name to its factory; another engine (Spark, say) overrides this to run
     * the same names its own way.
     */
    protected void bindAlgorithms(MapBinder<String, ClusteringAlgorithmFactory> algorithms) {
        algorithms.addBinding("kmeans").to(KMeansFactory.class);
        algorithms.addBinding("spectral").to(SpectralFactory.class);
        bindInProcessAlgorithms(algorithms);
    }

    /**
     * The algorithms that every engine runs in the JVM that holds the rows (on Spark, the driver):
     * one line each, so that a new method reaches every engine at once.
     */
    protected static void bindInProcessAlgorithms(MapBinder<String, ClusteringAlgorithmFactory> algorithms) {
        algorithms.addBinding("minibatch-kmeans").to(MiniBatchKMeansFactory.class);
    }

    /** The name-to-loader map ({@code dataset.loader}). */
    public static MapBinder<String, DatasetLoader> loaders(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DatasetLoader.class);
    }

    /** The extension-to-reader map of precomputed-feature files beyond .npy and CSV ({@code parquet}, ...). */
    public static MapBinder<String, FeatureFileFormat> featureFormats(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, FeatureFileFormat.class);
    }

    /** The name-to-algorithm map ({@code algorithms[i].algorithm}). */
    public static MapBinder<String, ClusteringAlgorithmFactory> algorithms(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ClusteringAlgorithmFactory.class);
    }

    /** The name-to-transform map ({@code transforms[i].transform}). */
    public static MapBinder<String, TransformFactory> transforms(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, TransformFactory.class);
    }

    /** The name-to-metric map ({@code metrics}). */
    public static MapBinder<String, Metric> metrics(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Metric.class);
    }

    /** Builds the features loader with the other loaders, so that it can align with an image dataset. */
    private static final class FeaturesLoaderProvider implements Provider<DatasetLoader> {
        @Inject
        private Provider<Map<String, DatasetLoader>> loaders;
        @Inject
        private Provider<Map<String, FeatureFileFormat>> formats;

        @Override
        public DatasetLoader get() {
            return new FeaturesLoader(loaders::get, formats.get());
        }
    }
}
