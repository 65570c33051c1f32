package org.imageclustering.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.transform.FittedTransform;

/**
 * A dataset after its feature chain: the training split every run of this data fits on, the
 * test split (or {@code null}) it is scored on, and what each fitted transform learned.
 *
 * @param train    transformed training split
 * @param test     transformed test split, or {@code null} when the dataset has none
 * @param pixels   the training split before the chain (same rows), for pictures
 * @param chain    the fitted transforms, in order
 */
public record PreparedData(Dataset train, Dataset test, Dataset pixels, List<FittedTransform> chain) {
    public PreparedData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(pixels, "pixels");
        chain = List.copyOf(chain);
    }

    /** What each fitted transform learned, in chain order. */
    public List<Map<String, Object>> summaries() {
        return chain.stream().map(FittedTransform::summary).toList();
    }

    /**
     * Rows of the feature space mapped back to pixels through the chain in reverse, or {@code null}
     * when a step cannot be inverted.
     */
    public FloatMatrix toPixels(FloatMatrix rows) {
        FloatMatrix m = rows;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<FloatMatrix> back = chain.get(i).inverse(m);
            if (back.isEmpty()) {
                return null;
            }
            m = back.get();
        }
        return m;
    }
}
