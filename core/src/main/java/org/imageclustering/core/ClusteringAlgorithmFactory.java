package org.imageclustering.core;

/**
 * Builds a {@link ClusteringAlgorithm} for {@code k} clusters from the settings an experiment file
 * gives it. Bound under a YAML name ({@code kmeans}, {@code minibatch-kmeans}, {@code spectral}).
 * Implementations read every key they support and then call {@link Parameters#requireAllUsed()}.
 */
@FunctionalInterface
public interface ClusteringAlgorithmFactory {
    ClusteringAlgorithm create(int k, Parameters params);
}
