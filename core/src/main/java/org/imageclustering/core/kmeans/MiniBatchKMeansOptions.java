package org.imageclustering.core.kmeans;

import java.util.Objects;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Validated options of a mini-batch k-means fit (scikit-learn's {@code MiniBatchKMeans} settings).
 *
 * @param k                  number of clusters, {@code >= 1}
 * @param batchSize          rows per mini-batch, {@code >= 1} (capped at n)
 * @param maxIterations      passes over the data ("epochs"): at most {@code maxIterations x n / batchSize} steps
 * @param tolerance          stop when the summed squared centre shift of one step is at most
 *                           {@code tolerance x mean feature variance}; 0 disables this test
 * @param maxNoImprovement   stop after this many consecutive steps without a new minimum of the
 *                           smoothed batch distortion; 0 disables this test
 * @param reassignmentRatio  centres whose count falls below this fraction of the largest count are
 *                           moved to random rows of the batch, {@code >= 0}
 * @param init               how the first centres are chosen (on a random subset of {@code initSize} rows)
 * @param initSize           rows of the subset the initialisation sees; 0 means {@code 3 x batchSize}
 *                           (at least {@code 3 k}), as scikit-learn
 * @param restarts           initialisations tried; the one with the lowest distortion on a validation
 *                           subset starts the single mini-batch run (scikit-learn's {@code n_init})
 * @param givenCentroids     the starting centres when {@code init} is {@link Initialization#GIVEN}
 */
public record MiniBatchKMeansOptions(int k, int batchSize, int maxIterations, double tolerance, int maxNoImprovement,
                                     double reassignmentRatio, Initialization init, int initSize, int restarts,
                                     FloatMatrix givenCentroids) {
    public static final int DEFAULT_BATCH_SIZE = 1024;
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    public static final int DEFAULT_MAX_NO_IMPROVEMENT = 10;
    public static final double DEFAULT_REASSIGNMENT_RATIO = 0.01;
    public static final int DEFAULT_RESTARTS = 3;

    public MiniBatchKMeansOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be >= 1, was " + batchSize);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max-iterations must be >= 1, was " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, was " + tolerance);
        }
        if (maxNoImprovement < 0) {
            throw new IllegalArgumentException("max-no-improvement must be >= 0, was " + maxNoImprovement);
        }
        if (!(reassignmentRatio >= 0) || Double.isInfinite(reassignmentRatio)) {
            throw new IllegalArgumentException("reassignment-ratio must be a finite number >= 0, was "
                    + reassignmentRatio);
        }
        if (initSize < 0) {
            throw new IllegalArgumentException("init-size must be >= 0, was " + initSize);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, was " + restarts);
        }
        Objects.requireNonNull(init, "init");
        if (init == Initialization.GIVEN) {
            if (givenCentroids == null || givenCentroids.rows() != k) {
                throw new IllegalArgumentException("init 'given' needs " + k + " centroids, got "
                        + (givenCentroids == null ? "none" : givenCentroids.rows()));
            }
            givenCentroids.requireFinite("the given centroids");
        } else if (givenCentroids != null) {
            throw new IllegalArgumentException("centroids were given but init is '" + init.yamlName() + "'");
        }
    }

    /** scikit-learn's defaults for {@code k} clusters (k-means++, batch 1024, 100 epochs, tol 0, 10 steps, 0.01, 3 inits). */
    public static MiniBatchKMeansOptions defaults(int k) {
        return new MiniBatchKMeansOptions(k, DEFAULT_BATCH_SIZE, DEFAULT_MAX_ITERATIONS, 0.0, DEFAULT_MAX_NO_IMPROVEMENT,
                DEFAULT_REASSIGNMENT_RATIO, Initialization.KMEANS_PLUS_PLUS, 0, DEFAULT_RESTARTS, null);
    }

    public MiniBatchKMeansOptions withBatchSize(int newBatchSize) {
        return new MiniBatchKMeansOptions(k, newBatchSize, maxIterations, tolerance, maxNoImprovement,
                reassignmentRatio, init, initSize, restarts, givenCentroids);
    }

    public MiniBatchKMeansOptions withInit(Initialization newInit, FloatMatrix centroids) {
        return new MiniBatchKMeansOptions(k, batchSize, maxIterations, tolerance, maxNoImprovement,
                reassignmentRatio, newInit, initSize, restarts, centroids);
    }

    public MiniBatchKMeansOptions withStopping(int newMaxIterations, double newTolerance, int newMaxNoImprovement) {
        return new MiniBatchKMeansOptions(k, batchSize, newMaxIterations, newTolerance, newMaxNoImprovement,
                reassignmentRatio, init, initSize, restarts, givenCentroids);
    }

    public MiniBatchKMeansOptions withReassignmentRatio(double ratio) {
        return new MiniBatchKMeansOptions(k, batchSize, maxIterations, tolerance, maxNoImprovement, ratio, init,
                initSize, restarts, givenCentroids);
    }

    /** The k-means options the initialiser needs. */
    KMeansOptions initOptions() {
        return new KMeansOptions(k, 1, 0, ToleranceMode.CENTER_SHIFT, 1, init, EmptyClusterPolicy.FARTHEST_POINT,
                givenCentroids);
    }
}
