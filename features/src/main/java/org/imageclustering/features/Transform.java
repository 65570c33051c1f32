package org.imageclustering.features;

import org.imageclustering.core.FitContext;
import org.imageclustering.loader.Dataset;

/**
 * A feature transform (scaling, PCA, HOG, learned patch features, ...) with its options fixed.
 * It learns only from the training split; the fitted result is then applied unchanged to any split.
 */
@FunctionalInterface
public interface Transform {
    /** Learns what the transform needs from {@code train} (never from test data). */
    FittedTransform fit(Dataset train, FitContext context);
}
