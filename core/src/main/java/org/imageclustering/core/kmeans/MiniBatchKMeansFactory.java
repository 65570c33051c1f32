package org.imageclustering.core.kmeans;

import java.nio.file.Path;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Builds {@link MiniBatchKMeans} from experiment-file settings; bound under {@code minibatch-kmeans}.
 *
 * <p>Keys (defaults in brackets, scikit-learn's): {@code batch-size} (1024); {@code max-iterations}
 * (100 passes over the data); {@code tolerance} (0: off); {@code max-no-improvement} (10; 0: off);
 * {@code reassignment-ratio} (0.01); {@code init} (k-means++) random-gaussian | random-points |
 * k-means++ | k-means|| | given; {@code init-size} (3 x batch-size); {@code restarts} (3
 * initialisations); {@code centroids}: a CSV file of k starting centroids (implies init given).
 */
public final class MiniBatchKMeansFactory implements ClusteringAlgorithmFactory {
    public MiniBatchKMeansFactory() {
    }

    @Override
    public ClusteringAlgorithm create(int k, Parameters params) {
        return new MiniBatchKMeans(options(k, params));
    }

    /** The validated options these parameters describe (unknown keys rejected). */
    public static MiniBatchKMeansOptions options(int k, Parameters params) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        int batchSize = KMeansFactory.atLeast(params, "batch-size", MiniBatchKMeansOptions.DEFAULT_BATCH_SIZE, 1);
        int maxIterations = KMeansFactory.atLeast(params, "max-iterations",
                MiniBatchKMeansOptions.DEFAULT_MAX_ITERATIONS, 1);
        double tolerance = nonNegative(params, "tolerance", 0.0);
        int maxNoImprovement = KMeansFactory.atLeast(params, "max-no-improvement",
                MiniBatchKMeansOptions.DEFAULT_MAX_NO_IMPROVEMENT, 0);
        double ratio = nonNegative(params, "reassignment-ratio", MiniBatchKMeansOptions.DEFAULT_REASSIGNMENT_RATIO);
        KMeansFactory.Start start = KMeansFactory.Start.read(params, k);
        int initSize = KMeansFactory.atLeast(params, "init-size", 0, 0);
        if (params.has("init-size") && initSize < k) {
            throw params.invalid("init-size", "expected at least k = " + k + " rows, found " + initSize);
        }
        int restarts = KMeansFactory.atLeast(params, "restarts", MiniBatchKMeansOptions.DEFAULT_RESTARTS, 1);
        if (params.has("spherical") || params.has("metric")) {
            String key = params.has("spherical") ? "spherical" : "metric";
            throw params.invalid(key, "minibatch-kmeans has no spherical (cosine) mode;"
                    + " use algorithm 'kmeans' with 'spherical: true'");
        }
        params.requireAllUsed();
        return new MiniBatchKMeansOptions(k, batchSize, maxIterations, tolerance, maxNoImprovement, ratio,
                start.init(), initSize, restarts, start.given());
    }

    private static double nonNegative(Parameters params, String key, double defaultValue) {
        double v = params.number(key, defaultValue);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw params.invalid(key, "expected a finite number >= 0, found " + v);
        }
        return v;
    }
}
