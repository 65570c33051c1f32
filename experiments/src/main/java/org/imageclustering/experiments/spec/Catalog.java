package org.imageclustering.experiments.spec;

import java.util.Set;
import java.util.TreeSet;

/**
 * The names an experiment file may use: registered loaders, algorithms, transforms and metrics.
 * Unknown names are rejected with the closest registered one as a suggestion.
 */
public record Catalog(Set<String> loaders, Set<String> algorithms, Set<String> transforms, Set<String> metrics) {
    public Catalog {
        loaders = Set.copyOf(new TreeSet<>(loaders));
        algorithms = Set.copyOf(algorithms);
        transforms = Set.copyOf(transforms);
        metrics = Set.copyOf(metrics);
    }
}
