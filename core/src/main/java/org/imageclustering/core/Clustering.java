package org.imageclustering.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * The result of one fit: which cluster every row went to, the centres, and how the fit went.
 *
 * <p>Centroids are always in the space of the data that was fitted (for spectral clustering, the
 * mean of each cluster's rows), so {@link #predict} and centroid pictures work for every method.
 *
 * @param labels       cluster index in {@code [0, k)} of every fitted row
 * @param centroids    {@code k x d} centres
 * @param sizes        rows per cluster
 * @param distortion   sum over rows of the squared distance to the assigned centre
 * @param iterations   iterations of the kept run (the best restart)
 * @param stopReason   why the kept run stopped
 * @param trace        one entry per iteration of the kept run
 * @param diagnostics  method-specific facts for reports (distance computations saved, empty-cluster
 *                     relocations, eigenvalues, ...): values are numbers, strings, booleans or lists
 *                     of numbers or strings, so that they serialise to JSON as they are; warnings
 *                     about the fit are a list of sentences under {@link #WARNINGS}
 * @param predictor    how rows the fit has not seen are assigned ({@link #predict}); the nearest
 *                     centroid unless the method says otherwise
 */
public record Clustering(int[] labels, FloatMatrix centroids, int[] sizes, double distortion, int iterations,
                         StopReason stopReason, List<IterationTrace> trace, Map<String, Object> diagnostics,
                         Predictor predictor) {
    public Clustering {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(centroids, "centroids");
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(predictor, "predictor");
        trace = List.copyOf(trace);
        diagnostics = Map.copyOf(diagnostics);
        if (sizes.length != centroids.rows()) {
            throw new IllegalArgumentException(sizes.length + " cluster sizes for " + centroids.rows() + " centroids");
        }
    }

    /** A result whose unseen rows go to their nearest centroid. */
    public Clustering(int[] labels, FloatMatrix centroids, int[] sizes, double distortion, int iterations,
                      StopReason stopReason, List<IterationTrace> trace, Map<String, Object> diagnostics) {
        this(labels, centroids, sizes, distortion, iterations, stopReason, trace, diagnostics,
                Predictor.nearestCentroid(centroids));
    }

    /** This result with another rule for unseen rows. */
    public Clustering withPredictor(Predictor rule) {
        return new Clustering(labels, centroids, sizes, distortion, iterations, stopReason, trace, diagnostics, rule);
    }

    /** The diagnostics key of the warnings about a fit (a list of sentences). */
    public static final String WARNINGS = "warnings";

    /** This result with {@code warning} added to its {@link #WARNINGS}. */
    public Clustering withWarning(String warning) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(diagnostics);
        List<Object> warnings = new java.util.ArrayList<>();
        if (more.get(WARNINGS) instanceof List<?> old) {
            warnings.addAll(old);
        }
        warnings.add(warning);
        more.put(WARNINGS, warnings);
        return new Clustering(labels, centroids, sizes, distortion, iterations, stopReason, trace, more, predictor);
    }

    /** Number of clusters. */
    public int k() {
        return centroids.rows();
    }

    /** Whether the kept run met a convergence test rather than running out of iterations. */
    public boolean converged() {
        return stopReason.converged();
    }

    /** Assigns each row of {@code x} to a cluster by the fit's {@link #predictor} rule. */
    public int[] predict(FloatMatrix x) {
        return predictor.predict(x);
    }

    /** Sum of squared distances of the rows of {@code x} to their nearest centroid. */
    public double distortionOf(FloatMatrix x) {
        int[] assigned = new int[x.rows()];
        double[] dist = new double[x.rows()];
        SquaredEuclidean.nearest(x, 0, x.rows(), centroids, assigned, dist);
        double sum = 0;
        for (double v : dist) {
            sum += v;
        }
        return sum;
    }
}
