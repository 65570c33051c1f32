package org.imageclustering.experiments;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.kmeans.KMeansFactory;
import org.imageclustering.core.kmeans.MiniBatchKMeansFactory;
import org.imageclustering.core.spectral.SpectralFactory;
import org.imageclustering.features.ColorHistogramFactory;
import org.imageclustering.features.GrayscaleFactory;
import org.imageclustering.features.HogFactory;
import org.imageclustering.features.L2NormalizeFactory;
import org.imageclustering.features.PatchKMeansFeaturesFactory;
import org.imageclustering.features.PcaFactory;
import org.imageclustering.features.ResizeFactory;
import org.imageclustering.features.ScaleFactory;
import org.imageclustering.features.StandardizeFactory;
import org.imageclustering.features.TransformFactory;
import org.imageclustering.loader.Cifar100Loader;
import org.imageclustering.loader.Cifar10Loader;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.FashionMnistLoader;
import org.imageclustering.loader.IdxLoader;
import org.imageclustering.loader.ImageFolderLoader;
import org.imageclustering.loader.MnistLoader;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.Metrics;

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

        MapBinder<String, ClusteringAlgorithmFactory> algorithms = algorithms(binder());
        algorithms.addBinding("kmeans").to(KMeansFactory.class);
        algorithms.addBinding("minibatch-kmeans").to(MiniBatchKMeansFactory.class);
        algorithms.addBinding("spectral").to(SpectralFactory.class);

        MapBinder<String, TransformFactory> transforms = transforms(binder());
        transforms.addBinding("scale").to(ScaleFactory.class);
        transforms.addBinding("standardize").to(StandardizeFactory.class);
        transforms.addBinding("grayscale").to(GrayscaleFactory.class);
        transforms.addBinding("l2-normalize").to(L2NormalizeFactory.class);
        transforms.addBinding("resize").to(ResizeFactory.class);
        transforms.addBinding("pca").to(PcaFactory.class);
        transforms.addBinding("hog").to(HogFactory.class);
        transforms.addBinding("color-histogram").to(ColorHistogramFactory.class);
        transforms.addBinding("patch-kmeans-features").to(PatchKMeansFeaturesFactory.class);

        // The reporting module's registry is the one list of metric names and classes.
        MapBinder<String, Metric> metrics = metrics(binder());
        Metrics.factories().forEach((name, factory) -> metrics.addBinding(name).toInstance(factory.get()));
    }

    /** The name-to-loader map ({@code dataset.loader}). */
    public static MapBinder<String, DatasetLoader> loaders(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DatasetLoader.class);
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
}
