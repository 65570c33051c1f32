package org.imageclustering.reporting.metrics;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Distortion (k-means' objective, scikit-learn's {@code inertia_}): the sum over images of the
 * squared Euclidean distance to the centroid of the cluster each was assigned to. In
 * {@code [0, inf)}, lower is better; it always falls as K grows, so read it for the elbow.
 */
public final class Distortion implements Metric {
    /** Distortion needs no options. */
    public Distortion() {
    }

    @Override
    public double score(MetricInput input) {
        return sum(input);
    }

    /** The sum of squared distances to the assigned centroids, reduced in fixed chunk order. */
    static double sum(MetricInput input) {
        FloatMatrix x = input.features();
        FloatMatrix c = input.centroids();
        int[] labels = input.predicted();
        return Geometry.parallel(input).mapReduce(x.rows(), Geometry.CHUNK, (start, end) -> {
            double s = 0;
            for (int i = start; i < end; i++) {
                s += SquaredEuclidean.distance(x, i, c, labels[i]);
            }
            return s;
        }, 0.0, Double::sum);
    }
}
