package org.imageclustering.spark;

import com.google.inject.multibindings.MapBinder;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansFactory;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.spark.data.ParquetFeatureFiles;
import org.imageclustering.spark.data.ParquetLoader;
import org.imageclustering.spark.kmeans.SparkPasses;

/**
 * The experiment runner's components on Spark: {@code kmeans} runs its assignment passes on the
 * cluster ({@link SparkPasses}); {@code minibatch-kmeans} and the other in-process methods run on
 * the driver, as locally (mini-batch's batches are small; only its last labelling reads every
 * row); {@code spectral} is refused while
 * the file is checked, before anything runs; the {@code parquet} loader reads converted datasets
 * with Spark ({@link ParquetLoader}). Everything else (loaders, transforms, metrics) is the local
 * runner's, on the driver.
 */
final class SparkEngineModule extends ExperimentsModule {
    private final SparkPasses passes;

    SparkEngineModule(SparkPasses passes) {
        this.passes = passes;
    }

    @Override
    protected void configure() {
        super.configure();
        ParquetLoader.register(binder());
        featureFormats(binder()).addBinding("parquet").toInstance(new ParquetFeatureFiles());
    }

    @Override
    protected void bindAlgorithms(MapBinder<String, ClusteringAlgorithmFactory> algorithms) {
        SparkPasses p = passes;
        algorithms.addBinding("kmeans").toInstance((k, params) -> new KMeans(KMeansFactory.options(k, params), () -> p));
        algorithms.addBinding("spectral").toInstance((k, params) -> {
            throw new OptionException(params.keyPath("algorithm"), "spectral clustering does not run on Spark "
                    + "(its affinity graph and eigenvectors need every row in one JVM); run this experiment with the "
                    + "local runner (without -Dmaster) or remove spectral from 'algorithms'");
        });
    }
}
