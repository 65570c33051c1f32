package org.imageclustering.core;

import org.imageclustering.core.matrix.FloatMatrix;

/**
 * A clustering method with its options fixed: give it data and a context, get a {@link Clustering}.
 *
 * <p>Implementations hold only their validated options and are safe to share; fitting is pure.
 */
@FunctionalInterface
public interface ClusteringAlgorithm {
    /**
     * Clusters the rows of {@code data}.
     *
     * @throws IllegalArgumentException if the data does not suit the options (too few rows,
     *         non-finite values, ...), with a message that names the problem
     */
    Clustering fit(FloatMatrix data, FitContext context);

    /** Sequential fit with the given seed. */
    default Clustering fit(FloatMatrix data, long seed) {
        return fit(data, FitContext.of(seed));
    }
}
