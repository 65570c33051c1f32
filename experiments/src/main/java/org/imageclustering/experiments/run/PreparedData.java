package org.imageclustering.experiments.run;

import java.util.Objects;
import org.imageclustering.features.FittedChain;
import org.imageclustering.loader.Dataset;

/**
 * A dataset after its feature chain: the training split every run of this data fits on, the
 * test split (or {@code null}) it is scored on, the untransformed training split for pictures,
 * and the fitted chain (which maps centroids back to pictures where it can).
 *
 * @param train   transformed training split
 * @param test    transformed test split, or {@code null} when the dataset has none
 * @param pixels  the training split before the chain (same rows in the same order)
 * @param chain   the fitted transforms (an empty chain for raw pixels)
 */
public record PreparedData(Dataset train, Dataset test, Dataset pixels, FittedChain chain) {
    public PreparedData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(chain, "chain");
    }
}
