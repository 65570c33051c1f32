package org.imageclustering.reporting;

import java.util.Objects;
import org.imageclustering.core.FloatMatrix;

/**
 * Everything a metric may look at for one clustering of one split.
 *
 * @param features   the rows that were clustered or predicted (in the space the algorithm saw)
 * @param predicted  cluster of each row
 * @param truth      true class of each row, or {@code null} when the split has no labels
 * @param centroids  the clustering's centres ({@code k x d})
 * @param seed       seed for metrics that sample (silhouette on large splits)
 */
public record MetricInput(FloatMatrix features, int[] predicted, int[] truth, FloatMatrix centroids, long seed) {
    public MetricInput {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(centroids, "centroids");
        if (predicted.length != features.rows()) {
            throw new IllegalArgumentException(predicted.length + " predicted labels for " + features.rows() + " rows");
        }
        if (truth != null && truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels for " + predicted.length + " rows");
        }
    }

    public boolean hasTruth() {
        return truth != null;
    }
}
