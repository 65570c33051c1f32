package org.imageclustering.experiments;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.transform.TransformFactory;
import org.imageclustering.reporting.Metric;

/**
 * The Guice wiring of the experiment runner: every loader, algorithm, transform and metric under
 * the name an experiment file uses. Adding one is one class and one line here, for example
 * {@code loaders(binder()).addBinding("my-dataset").to(MyDatasetLoader.class);}. Another module can
 * add names the same way, through the static helpers.
 */
public class ExperimentsModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, DatasetLoader> loaders = loaders(binder());
        MapBinder<String, ClusteringAlgorithmFactory> algorithms = algorithms(binder());
        MapBinder<String, TransformFactory> transforms = transforms(binder());
        MapBinder<String, Metric> metrics = metrics(binder());
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
