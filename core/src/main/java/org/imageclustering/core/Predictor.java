package org.imageclustering.core;

import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * How a fitted clustering assigns rows it has not seen (the test split): each method states its
 * rule, for example the nearest centroid (k-means), the most probable component (a Gaussian
 * mixture) or the cluster of the nearest training row (agglomerative clustering).
 *
 * <p>A predictor holds what its rule needs (centres, mixture parameters, training rows) and is
 * safe to share; {@link #predict} is pure and deterministic at any thread count.
 */
public interface Predictor {
    /** The cluster index of every row of {@code x}. */
    int[] predict(FloatMatrix x);

    /** One phrase naming the rule, written to the run record and the report ("nearest centroid"). */
    String rule();

    /** Assigns every row to its nearest centre, ties to the lowest index. */
    static Predictor nearestCentroid(FloatMatrix centroids) {
        return new NearestCentroid(centroids);
    }

    /** The default rule: nearest centre by squared Euclidean distance. */
    record NearestCentroid(FloatMatrix centroids) implements Predictor {
        @Override
        public int[] predict(FloatMatrix x) {
            int[] out = new int[x.rows()];
            SquaredEuclidean.nearest(x, 0, x.rows(), centroids, out, new double[x.rows()]);
            return out;
        }

        @Override
        public String rule() {
            return "nearest centroid";
        }
    }
}
