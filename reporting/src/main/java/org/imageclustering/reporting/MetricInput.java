package org.imageclustering.reporting;

import java.util.Objects;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * Everything a metric may look at for one clustering of one split.
 *
 * @param features   the rows that were clustered or predicted (in the space the algorithm saw)
 * @param predicted  cluster of each row
 * @param truth      true class of each row, or {@code null} when the split has no labels
 * @param centroids  the clustering's centres ({@code k x d})
 * @param seed       seed for metrics that sample (silhouette on large splits)
 * @param parallel   workers for the expensive geometric metrics, or {@code null} to run on the caller
 *                   (results are identical either way)
 */
public record MetricInput(FloatMatrix features, int[] predicted, int[] truth, FloatMatrix centroids, long seed,
                          Parallelism parallel) {
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
        if (centroids.rows() > 0 && centroids.cols() != features.cols()) {
            throw new IllegalArgumentException("centroids have " + centroids.cols() + " features but rows have "
                    + features.cols());
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= centroids.rows()) {
                throw new IllegalArgumentException("predicted label " + predicted[i] + " at row " + i
                        + " is outside [0, " + centroids.rows() + ")");
            }
        }
    }

    /** The same input without a worker pool (metrics then run on the calling thread). */
    public MetricInput(FloatMatrix features, int[] predicted, int[] truth, FloatMatrix centroids, long seed) {
        this(features, predicted, truth, centroids, seed, null);
    }

    public boolean hasTruth() {
        return truth != null;
    }
}
