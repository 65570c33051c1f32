package org.imageclustering.core.kmeans;

import java.util.Objects;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Validated options of a k-means fit.
 *
 * @param k                  number of clusters, {@code >= 1}
 * @param maxIterations      iteration budget of each restart, {@code >= 1}
 * @param tolerance          convergence threshold, {@code >= 0}; its meaning is set by {@code toleranceMode}
 * @param toleranceMode      what the tolerance is compared with
 * @param restarts           independent runs; the one with the lowest distortion is kept (ties to
 *                           the lowest restart), {@code >= 1}
 * @param init               how the first centres are chosen
 * @param emptyClusterPolicy what to do with a centre that loses all its points
 * @param givenCentroids     the starting centres when {@code init} is {@link Initialization#GIVEN},
 *                           otherwise {@code null}
 * @param variant            which exact algorithm runs the iterations (same result, different speed)
 * @param spherical          spherical k-means (Dhillon and Modha 2001): rows and centres on the unit
 *                           sphere, so clusters are made by cosine similarity ({@link UnitRows})
 */
public record KMeansOptions(int k, int maxIterations, double tolerance, ToleranceMode toleranceMode, int restarts,
                            Initialization init, EmptyClusterPolicy emptyClusterPolicy, FloatMatrix givenCentroids,
                            KMeansVariant variant, boolean spherical) {
    /** scikit-learn's default iteration budget. */
    public static final int DEFAULT_MAX_ITERATIONS = 300;
    /** scikit-learn's default tolerance (with {@link ToleranceMode#CENTER_SHIFT}). */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    public KMeansOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max-iterations must be >= 1, was " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, was " + tolerance);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, was " + restarts);
        }
        Objects.requireNonNull(toleranceMode, "toleranceMode");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(emptyClusterPolicy, "emptyClusterPolicy");
        Objects.requireNonNull(variant, "variant");
        if (init == Initialization.GIVEN) {
            if (givenCentroids == null) {
                throw new IllegalArgumentException("init 'given' needs centroids");
            }
            if (givenCentroids.rows() != k) {
                throw new IllegalArgumentException("given centroids have " + givenCentroids.rows()
                        + " rows, k is " + k);
            }
            givenCentroids.requireFinite("the given centroids");
        } else if (givenCentroids != null) {
            throw new IllegalArgumentException("centroids were given but init is '" + init.yamlName() + "'");
        }
    }

    /** Options of (Euclidean, not spherical) k-means. */
    public KMeansOptions(int k, int maxIterations, double tolerance, ToleranceMode toleranceMode, int restarts,
                         Initialization init, EmptyClusterPolicy emptyClusterPolicy, FloatMatrix givenCentroids,
                         KMeansVariant variant) {
        this(k, maxIterations, tolerance, toleranceMode, restarts, init, emptyClusterPolicy, givenCentroids, variant,
                false);
    }

    /** Options with the {@link KMeansVariant#AUTO} variant. */
    public KMeansOptions(int k, int maxIterations, double tolerance, ToleranceMode toleranceMode, int restarts,
                         Initialization init, EmptyClusterPolicy emptyClusterPolicy, FloatMatrix givenCentroids) {
        this(k, maxIterations, tolerance, toleranceMode, restarts, init, emptyClusterPolicy, givenCentroids,
                KMeansVariant.AUTO);
    }

    /**
     * The defaults for {@code k} clusters: k-means++, 300 iterations, tolerance 1e-4 in
     * center-shift mode (scikit-learn's), one restart, farthest-point relocation, variant auto.
     */
    public static KMeansOptions defaults(int k) {
        return new KMeansOptions(k, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, ToleranceMode.CENTER_SHIFT, 1,
                Initialization.KMEANS_PLUS_PLUS, EmptyClusterPolicy.FARTHEST_POINT, null, KMeansVariant.AUTO);
    }

    public KMeansOptions withVariant(KMeansVariant newVariant) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, restarts, init, emptyClusterPolicy,
                givenCentroids, newVariant, spherical);
    }

    public KMeansOptions withInit(Initialization newInit) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, restarts, newInit, emptyClusterPolicy,
                null, variant, spherical);
    }

    public KMeansOptions withGivenCentroids(FloatMatrix centroids) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, restarts, Initialization.GIVEN,
                emptyClusterPolicy, centroids, variant, spherical);
    }

    public KMeansOptions withRestarts(int newRestarts) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, newRestarts, init, emptyClusterPolicy,
                givenCentroids, variant, spherical);
    }

    public KMeansOptions withMaxIterations(int newMax) {
        return new KMeansOptions(k, newMax, tolerance, toleranceMode, restarts, init, emptyClusterPolicy,
                givenCentroids, variant, spherical);
    }

    public KMeansOptions withTolerance(double newTolerance, ToleranceMode newMode) {
        return new KMeansOptions(k, maxIterations, newTolerance, newMode, restarts, init, emptyClusterPolicy,
                givenCentroids, variant, spherical);
    }

    public KMeansOptions withEmptyClusterPolicy(EmptyClusterPolicy policy) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, restarts, init, policy, givenCentroids, variant, spherical);
    }

    /** The same options for spherical k-means ({@code true}) or Euclidean k-means. */
    public KMeansOptions withSpherical(boolean newSpherical) {
        return new KMeansOptions(k, maxIterations, tolerance, toleranceMode, restarts, init, emptyClusterPolicy,
                givenCentroids, variant, newSpherical);
    }
}
