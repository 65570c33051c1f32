package org.example.extending;

import com.google.inject.AbstractModule;
import org.imageclustering.experiments.ExperimentsModule;

/** Adds the example components under their YAML names, next to the built-in ones. */
public final class MyComponents extends AbstractModule {
    @Override
    protected void configure() {
        ExperimentsModule.loaders(binder()).addBinding("csv-images").to(CsvImagesLoader.class);
        ExperimentsModule.algorithms(binder()).addBinding("farthest-first").to(FarthestFirstFactory.class);
        ExperimentsModule.transforms(binder()).addBinding("power").to(PowerTransformFactory.class);
        ExperimentsModule.metrics(binder()).addBinding("largest-cluster-share").to(LargestClusterShare.class);
    }
}
