package org.imageclustering.features;

import java.util.Map;
import java.util.Optional;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/** A transform after fitting: applies what it learned, and maps back to pixels where it can. */
public interface FittedTransform {
    /** The transformed split; labels and class names are kept. */
    Dataset apply(Dataset data);

    /**
     * The transformed split, computed with {@code parallel}'s workers; the result is the same as
     * {@link #apply(Dataset)} at any thread count. Transforms with costly per-row work override this.
     */
    default Dataset apply(Dataset data, Parallelism parallel) {
        return apply(data);
    }

    /**
     * Rows of the output space mapped back to the input space (e.g. PCA centroids drawn as
     * pictures), or empty when the transform cannot be inverted.
     */
    default Optional<FloatMatrix> inverse(FloatMatrix rows) {
        return Optional.empty();
    }

    /** What was learned, for the run's results (sizes, explained variance, ...): JSON-friendly values. */
    default Map<String, Object> summary() {
        return Map.of();
    }
}
