package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.DistinctRows;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Seeds;

/**
 * Exact k-means (Lloyd 1982): alternate assigning every row to its nearest centre and moving
 * every centre to the mean of its rows, until a convergence test passes; optionally accelerated by
 * Hamerly's or Elkan's bounds ({@link KMeansVariant}), which give the same result with fewer distances.
 *
 * <p>Semantics follow scikit-learn's {@code KMeans(algorithm="lloyd")}: the iteration stops when no
 * label changed and no empty cluster was relocated in this or the last iteration (a fixed point,
 * tested first), or when the tolerance test passes ({@link ToleranceMode}), or after
 * {@code max-iterations}. Unlike scikit-learn, every fit ends in one state: after a tolerance or
 * budget stop, a final assignment gives the labels (scikit-learn's) and the centroids then move to
 * the means of those labels, so centroids, sizes and distortion all describe the returned labels
 * (the distortion is at most scikit-learn's inertia; a few rows may then lie nearer another
 * centroid, which one more iteration would move). Empty clusters are handled by {@link EmptyClusterPolicy}.
 *
 * <p><b>Spherical k-means</b> ({@link KMeansOptions#spherical}, Dhillon and Modha 2001) clusters
 * by cosine similarity: the rows are scaled to unit length once, before anything else (a row of
 * zeros is refused, naming it), the starting centres too, and every update moves a centre to the
 * unit vector along the sum of its rows (the normalised mean), so a fit ends at the normalised
 * means of its labels. On unit vectors {@code ||x - c||^2 = 2 - 2 cos(x, c)}, so the same exact
 * kernel, bounds, k-means++ and determinism apply unchanged (see {@link UnitRows}); the distortion
 * is the squared Euclidean distance on the unit sphere, {@code 2 sum (1 - cos)}, the returned
 * centroids are unit vectors, and the diagnostics say {@code spherical: true}.
 *
 * <p>Rows are float32; centre sums, distortion and tie-breaking distances are float64. Restart
 * {@code r} initialises from {@code Seeds.derive(seed, r)}, so any restart can be replayed alone; the
 * restart with the lowest distortion is kept, ties to the lowest restart. Results are bit-identical
 * at any thread count (see {@code LloydEngine}).
 *
 * <p>Diagnostics: {@code variant}, {@code empty_cluster_relocations}, {@code distance_computations}
 * (row-centre distances evaluated by the kept run), {@code distance_computations_lloyd} (what plain
 * Lloyd needs for the same iterations), {@code distance_computations_saved},
 * {@code exact_tie_checks}, {@code init}, {@code best_restart}, {@code restart_distortions},
 * {@code init_seconds}; {@code warnings} when k is larger than the number of distinct rows (then
 * some clusters end empty) or a cluster ends empty for another reason.
 *
 * <p>References: S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982);
 * D. Arthur and S. Vassilvitskii, k-means++: the advantages of careful seeding, SODA 2007;
 * G. Hamerly, Making k-means even faster, SDM 2010; C. Elkan, Using the triangle inequality to
 * accelerate k-means, ICML 2003; I. S. Dhillon and D. S. Modha, Concept decompositions for large
 * sparse text data using clustering, Machine Learning 42 (2001).
 */
public final class KMeans implements ClusteringAlgorithm {
    private final KMeansOptions options;
    private final java.util.function.Supplier<AssignmentPasses.Factory> passes;

    public KMeans(KMeansOptions options) {
        this(options, AssignmentPasses::local);
    }

    /**
     * K-means whose assignment passes run where {@code passes} puts them (one factory per fit), for
     * example on the partitions of a Spark data set: the same results as in this JVM.
     */
    public KMeans(KMeansOptions options, java.util.function.Supplier<AssignmentPasses.Factory> passes) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.passes = java.util.Objects.requireNonNull(passes, "passes");
    }

    public KMeansOptions options() {
        return options;
    }

    @Override
    public Clustering fit(FloatMatrix data, FitContext context) {
        validate(data, options);
        data = onSphere(data, "the data", context);
        DataSummary summary = DataSummary.of(data, context.parallel());
        KMeansVariant variant = options.variant().resolve(data.rows(), options.k(), data.cols());
        LloydEngine engine = new LloydEngine(data, summary, options, context.parallel(), passes.get());
        Clustering best = null;
        int bestRestart = -1;
        List<Double> restartDistortions = new ArrayList<>();
        long initNanos = 0;
        for (int r = 0; r < options.restarts(); r++) {
            long t0 = System.nanoTime();
            FloatMatrix start = Initializers.initialCentroids(data, options, Seeds.derive(context.seed(), r),
                    context.parallel());
            start = onSphere(start, "the starting centroids of restart " + r, context);
            initNanos += System.nanoTime() - t0;
            Clustering run = engine.run(start, variant, context);
            restartDistortions.add(run.distortion());
            if (best == null || run.distortion() < best.distortion()) {
                best = run;
                bestRestart = r;
            }
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>(best.diagnostics());
        diagnostics.put("init", options.init().yamlName());
        diagnostics.put("best_restart", bestRestart);
        diagnostics.put("restart_distortions", restartDistortions);
        diagnostics.put("init_seconds", initNanos / 1e9);
        return DistinctRows.warnIfTooFew(data, new Clustering(best.labels(), best.centroids(), best.sizes(),
                best.distortion(), best.iterations(), best.stopReason(), best.trace(), diagnostics), false);
    }

    /**
     * Runs the iterations from the given start (no initialisation, one run): the entry point for
     * comparing variants, or with scikit-learn, from identical centres.
     */
    public Clustering fitFrom(FloatMatrix data, FloatMatrix start, FitContext context) {
        validate(data, options.withGivenCentroids(start));
        data = onSphere(data, "the data", context);
        start = onSphere(start, "the starting centroids", context);
        DataSummary summary = DataSummary.of(data, context.parallel());
        KMeansVariant variant = options.variant().resolve(data.rows(), options.k(), data.cols());
        return DistinctRows.warnIfTooFew(data,
                new LloydEngine(data, summary, options, context.parallel(), passes.get()).run(start, variant, context), false);
    }

    /**
     * Runs the iterations from the given start over {@code rows x cols} rows that live elsewhere (a
     * Spark data set's partitions, say), whose passes {@code passes} opens (it is given no data
     * matrix), with their {@code summary} ({@link DataSummary#combine}). For spherical k-means the
     * rows must already be unit vectors. The result's labels are those {@code passes} return: empty
     * when they stay where the rows are.
     */
    public Clustering fitFrom(int rows, int cols, DataSummary summary, FloatMatrix start, AssignmentPasses.Factory passes,
                              FitContext context) {
        if (options.k() > rows) {
            throw new IllegalArgumentException("k = " + options.k() + " is larger than the number of rows (" + rows + ")");
        }
        if (start.rows() != options.k() || start.cols() != cols) {
            throw new IllegalArgumentException("the start has " + start.rows() + " x " + start.cols()
                    + " centres, expected " + options.k() + " x " + cols);
        }
        start = onSphere(start, "the starting centroids", context);
        KMeansVariant variant = options.variant().resolve(rows, options.k(), cols);
        return new LloydEngine(null, rows, cols, summary, options, context.parallel(), passes).run(start, variant,
                context);
    }

    /** The rows of {@code m} scaled to unit length for spherical k-means, else {@code m} itself. */
    private FloatMatrix onSphere(FloatMatrix m, String what, FitContext context) {
        return options.spherical() ? UnitRows.of(m, what, context.parallel()) : m;
    }

    /**
     * The shape checks made before any work: k against n, the width of given centroids. Finite data
     * is checked by {@link DataSummary#of}, which reads every value anyway and comes before any
     * initialisation; callers that make no summary check it themselves.
     */
    static void validate(FloatMatrix data, KMeansOptions options) {
        if (options.k() > data.rows()) {
            throw new IllegalArgumentException("k = " + options.k() + " is larger than the number of rows ("
                    + data.rows() + ")");
        }
        if (data.cols() == 0) {
            throw new IllegalArgumentException("the data has no features (0 columns)");
        }
        FloatMatrix given = options.givenCentroids();
        if (given != null && given.cols() != data.cols()) {
            throw new IllegalArgumentException("the given centroids have " + given.cols()
                    + " columns but the data has " + data.cols() + " features");
        }
    }
}
