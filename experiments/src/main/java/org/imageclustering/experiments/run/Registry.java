package org.imageclustering.experiments.run;

import com.google.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.experiments.spec.Catalog;
import org.imageclustering.features.TransformFactory;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.reporting.Metric;

/**
 * The named components an experiment file can use, as bound by Guice {@code MapBinder}s in
 * {@code org.imageclustering.experiments.ExperimentsModule}: loaders, algorithm factories, transform factories and metrics.
 */
public final class Registry {
    private final Map<String, DatasetLoader> loaders;
    private final Map<String, ClusteringAlgorithmFactory> algorithms;
    private final Map<String, TransformFactory> transforms;
    private final Map<String, Metric> metrics;

    @Inject
    public Registry(Map<String, DatasetLoader> loaders, Map<String, ClusteringAlgorithmFactory> algorithms,
                    Map<String, TransformFactory> transforms, Map<String, Metric> metrics) {
        this.loaders = new TreeMap<>(loaders);
        this.algorithms = new TreeMap<>(algorithms);
        this.transforms = new TreeMap<>(transforms);
        this.metrics = new TreeMap<>(metrics);
    }

    /** The registered names, for validating an experiment file. */
    public Catalog catalog() {
        return new Catalog(loaders.keySet(), algorithms.keySet(), transforms.keySet(), metrics.keySet());
    }

    public DatasetLoader loader(String name) {
        return get(loaders, name, "loader");
    }

    public ClusteringAlgorithmFactory algorithm(String name) {
        return get(algorithms, name, "algorithm");
    }

    /** Every transform factory by name. */
    public Map<String, TransformFactory> transforms() {
        return java.util.Collections.unmodifiableMap(transforms);
    }

    public TransformFactory transform(String name) {
        return get(transforms, name, "transform");
    }

    public Metric metric(String name) {
        return get(metrics, name, "metric");
    }

    /** The metrics called {@code names}, in that order. */
    public Map<String, Metric> metrics(java.util.List<String> names) {
        Map<String, Metric> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, metric(n)));
        return out;
    }

    private static <T> T get(Map<String, T> map, String name, String what) {
        T t = map.get(name);
        if (t == null) {
            // the spec reader rejects unknown names first; reaching this is a wiring bug
            throw new IllegalStateException("no " + what + " is registered as '" + name + "'");
        }
        return t;
    }
}
