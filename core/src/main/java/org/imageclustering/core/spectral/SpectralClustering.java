package org.imageclustering.core.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.DistinctRows;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.core.spectral.SpectralOptions.Affinity;
import org.imageclustering.core.spectral.SpectralOptions.Assignment;
import org.imageclustering.core.spectral.SpectralOptions.Laplacian;
import org.imageclustering.core.spectral.SpectralOptions.Solver;

/**
 * Spectral clustering: build a similarity graph of the rows, embed every row by the k smallest
 * eigenvectors of the graph's normalised Laplacian, and cluster the embedding.
 *
 * <p>The graph is a sparse exact kNN graph (default), a dense RBF kernel (small n), or a file; the
 * eigenvectors come from a dense decomposition (small n), thick-restart Lanczos on the sparse graph,
 * or a Nystrom extension from landmarks (RBF, very large n). Connected components of the graph are
 * found first and their indicator vectors, exact eigenvectors of eigenvalue 0, are locked, so a
 * disconnected graph gives one cluster per component when k equals their number. Labels come from
 * k-means with restarts on the embedding or from Yu and Shi's discretisation.
 *
 * <p>The returned centroids are the means of each cluster's input rows (not of the embedding), so
 * {@link Clustering#predict}, distortion and centroid pictures mean the same as for k-means.
 * {@link Clustering#diagnostics()} holds the Laplacian's smallest eigenvalues (k + 1 of them, for the
 * eigengap heuristic), the eigengap, the component count, the solver's iterations and residuals, the
 * affinity and its non-zeros. Every n x n or n x m step is checked by a memory guard before it starts.
 *
 * <p>References: A. Ng, M. Jordan and Y. Weiss, On spectral clustering: analysis and an algorithm,
 * NIPS 2001; J. Shi and J. Malik, Normalized cuts and image segmentation, IEEE TPAMI 22 (2000);
 * U. von Luxburg, A tutorial on spectral clustering, Statistics and Computing 17 (2007);
 * L. Zelnik-Manor and P. Perona, Self-tuning spectral clustering, NIPS 2004; S. X. Yu and J. Shi,
 * Multiclass spectral clustering, ICCV 2003; C. Fowlkes et al., Spectral grouping using the
 * Nystrom method, IEEE TPAMI 26 (2004).
 */
public final class SpectralClustering implements ClusteringAlgorithm {
    private static final Logger LOG = LogManager.getLogger(SpectralClustering.class);
    private final SpectralOptions options;

    public SpectralClustering(SpectralOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SpectralOptions options() {
        return options;
    }

    @Override
    public Clustering fit(FloatMatrix data, FitContext context) {
        int n = data.rows();
        int k = options.k();
        if (n <= k) {
            throw new IllegalArgumentException("k = " + k + " needs more rows than clusters; the data has " + n);
        }
        data.requireFinite("the data");
        Parallelism parallel = context.parallel();
        MemoryGuard guard = new MemoryGuard(options.memoryLimitBytes());
        Map<String, Object> diag = new LinkedHashMap<>();
        long seed = context.seed();
        int nev = Math.min(k + 1, n - 1);

        Solver solver = resolveSolver(options.solver(), n, nev); // before any work: it may refuse
        FloatMatrix features = data;
        if (options.pca() > 0) {
            long t = System.nanoTime();
            PrincipalComponents pca = PcaProjection.fit(data, options.pca(), PcaProjection.SAMPLE_ROWS, parallel);
            features = pca.project(data, parallel);
            diag.put("pca_components", options.pca());
            diag.put("pca_explained_variance", pca.explainedRatio());
            diag.put("pca_seconds", seconds(t));
        }

        diag.put("solver", solver.yamlName());
        diag.put("laplacian", options.laplacian().yamlName());
        double[][] embedding; // embedding[i] = row i's k coordinates
        Embedding e = solver == Solver.NYSTROM ? nystrom(features, nev, guard, seed, parallel, diag)
                : graphEmbedding(features, n, nev, solver, guard, seed, parallel, diag);
        embedding = e.rows;

        long tAssign = System.nanoTime();
        int[] labels;
        int iterations;
        StopReason reason;
        List<IterationTrace> trace = List.of();
        // with more components than clusters the embedding is wider than k, which only k-means can cut into k
        Assignment assign = embedding[0].length == k ? options.assign() : Assignment.KMEANS;
        if (assign == Assignment.DISCRETIZE) {
            Discretization disc = Discretization.of(embedding, Seeds.derive(seed, "discretize"));
            labels = disc.labels();
            iterations = disc.iterations();
            reason = disc.converged() ? StopReason.DISTORTION_TOLERANCE : StopReason.MAX_ITERATIONS;
        } else {
            int dims = embedding[0].length;
            float[] flat = new float[n * dims];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < dims; c++) {
                    flat[i * dims + c] = (float) embedding[i][c];
                }
            }
            KMeans kmeans = new KMeans(KMeansOptions.defaults(k).withRestarts(options.restarts()));
            Clustering inner = kmeans.fit(FloatMatrix.wrap(n, dims, flat), context.withSeed(Seeds.derive(seed, "assign")));
            labels = inner.labels();
            iterations = inner.iterations();
            reason = inner.stopReason();
            trace = inner.trace();
            diag.put("embedding_distortion", inner.distortion());
        }
        diag.put("assign", assign.yamlName());
        diag.put("assign_seconds", seconds(tAssign));
        // counted always: duplicates need not share a cluster here, so k above the distinct rows need not leave one empty
        return DistinctRows.warnIfTooFew(data, inputSpaceResult(data, labels, k, iterations, reason, trace, diag), true);
    }

    /**
     * The solver that computes {@code nev} eigenpairs of an n-row graph: {@link Solver#AUTO} takes
     * the dense one for small graphs, and also when the pairs wanted are more than
     * 1 / {@value SpectralOptions#LANCZOS_MAX_PAIR_SHARE} of the rows (k close to n), where Lanczos
     * would need a basis of most of the graph anyway ({@link #krylovSize}).
     */
    static Solver resolveSolver(Solver requested, int n, int nev) {
        if (requested != Solver.AUTO) {
            return requested;
        }
        boolean manyPairs = (long) nev * SpectralOptions.LANCZOS_MAX_PAIR_SHARE > n;
        return n <= SpectralOptions.DENSE_SOLVER_MAX_ROWS || manyPairs ? Solver.DENSE : Solver.LANCZOS;
    }

    /** The embedding rows, ready for the assignment step. */
    private record Embedding(double[][] rows) {
    }

    private Embedding graphEmbedding(FloatMatrix x, int n, int nev, Solver solver, MemoryGuard guard, long seed,
                                     Parallelism parallel, Map<String, Object> diag) {
        long tAffinity = System.nanoTime();
        NormalizedAffinity op;
        int[] component;
        if (options.affinity() == Affinity.RBF) {
            guard.check("the dense RBF affinity (a " + n + " x " + n + " float matrix)", 4L * n * n,
                    "Use affinity: knn (a sparse graph of about "
                            + MemoryGuard.human(MemoryGuard.knnBytes(n, options.neighbors()))
                            + ") or solver: nystrom with landmarks: " + options.landmarks() + " (about "
                            + MemoryGuard.human(MemoryGuard.nystromBytes(n, options.landmarks())) + ").");
            double gamma = Double.isNaN(options.gamma())
                    ? Affinities.medianHeuristicGamma(x, Seeds.derive(seed, "median-gamma")) : options.gamma();
            float[] w = Affinities.rbfDense(x, gamma, parallel);
            op = NormalizedAffinity.ofDense(n, w, parallel);
            component = denseComponents(n, w);
            long nnz = 0;
            for (float v : w) {
                if (v != 0) {
                    nnz++;
                }
            }
            diag.put("affinity", "rbf");
            diag.put("gamma", gamma);
            diag.put("nnz", nnz);
        } else {
            SparseGraph g;
            if (options.affinity() == Affinity.KNN) {
                guard.check("the kNN graph (" + n + " rows x " + options.neighbors() + " neighbours)",
                        MemoryGuard.knnBytes(n, options.neighbors()), "Use fewer neighbors.");
                NearestNeighbors.Result knn = NearestNeighbors.of(x, options.neighbors(), parallel);
                g = Affinities.knnGraph(knn, options.knnWeights(), options.localScaleNeighbor());
                diag.put("affinity", "knn-" + options.knnWeights().yamlName());
                diag.put("neighbors", options.neighbors());
            } else {
                g = Affinities.readPrecomputed(options.affinityFile(), n);
                diag.put("affinity", "precomputed");
            }
            op = NormalizedAffinity.of(g);
            component = g.components();
            diag.put("nnz", g.nonZeros());
        }
        diag.put("affinity_seconds", seconds(tAffinity));
        int components = 0;
        for (int c : component) {
            components = Math.max(components, c + 1);
        }
        diag.put("components", components);
        if (components > 1) {
            LOG.warn("the affinity graph has {} connected components; each forms its own eigenvalue 0", components);
        }

        long tEigen = System.nanoTime();
        int k = options.k();
        double[][] vectors; // vectors[t] = t-th eigenvector of M (largest first), length n
        double[] mu;
        if (components > k) {
            // The eigenvalue 0 has more copies than clusters wanted: the embedding is the component
            // indicators, and k-means groups components.
            vectors = componentVectors(component, components, op.sqrtDegree());
            mu = new double[components];
            Arrays.fill(mu, 1.0);
            diag.put("solver_iterations", 0);
            diag.put("residual_norms", List.of());
        } else {
            EigenPairs pairs;
            if (solver == Solver.DENSE) {
                guard.check("the dense eigendecomposition (" + n + " x " + n + " double matrices)", 32L * n * n,
                        (long) nev * SpectralOptions.LANCZOS_MAX_PAIR_SHARE > n
                                ? "Use k < " + (n / SpectralOptions.LANCZOS_MAX_PAIR_SHARE) + " (then Lanczos applies)."
                                : "Use solver: lanczos with affinity: knn.");
                pairs = denseLargest(op, nev);
            } else {
                List<double[]> locked = List.of(componentVectors(component, components, op.sqrtDegree()));
                int want = nev - components;
                EigenPairs rest = want <= 0 ? null : new LanczosSolver(parallel).largest(op, want, locked,
                        krylov(want, n - components), options.eigenTolerance(), options.eigenMaxIterations(),
                        Seeds.derive(seed, "lanczos"));
                pairs = lockedThenRest(locked, rest, op, parallel);
            }
            vectors = pairs.vectors();
            mu = pairs.values();
            diag.put("solver_iterations", pairs.iterations());
            diag.put("solver_restarts", pairs.restarts());
            diag.put("solver_converged", pairs.converged());
            diag.put("residual_norms", boxed(pairs.residuals()));
            double max = 0;
            for (double r : pairs.residuals()) {
                max = Math.max(max, r);
            }
            diag.put("max_residual", max);
            if (!pairs.converged()) {
                LOG.warn("Lanczos stopped after {} steps without meeting eigen-tolerance {} (largest residual {})",
                        pairs.iterations(), options.eigenTolerance(), max);
            }
        }
        diag.put("eigen_seconds", seconds(tEigen));
        putEigenvalues(mu, diag);
        int dims = components > k ? components : k;
        return new Embedding(embed(vectors, dims, n, op.invSqrtDegree()));
    }

    private int krylov(int want, int free) {
        return krylovSize(want, free, options.krylovSize());
    }

    /**
     * The Lanczos basis for {@code want} eigenpairs in {@code free} dimensions: the requested size
     * (capped at {@code free}), or automatically {@code max(3 want, want + 30)}; once that reaches
     * half the free dimension (k close to n) the whole of it, so that one pass of {@code free} steps
     * is exact and stops. A basis just short of the whole space would keep only a few new vectors
     * per thick restart, each restart costing a dense decomposition of the basis: minutes at a few
     * thousand rows.
     */
    static int krylovSize(int want, int free, int requested) {
        if (requested > 0) {
            return Math.min(free, requested);
        }
        int auto = Math.max(3 * want, want + 30);
        return 2L * auto >= free ? free : auto;
    }

    private Embedding nystrom(FloatMatrix x, int nev, MemoryGuard guard, long seed, Parallelism parallel,
                              Map<String, Object> diag) {
        int n = x.rows();
        int m = options.landmarks();
        guard.check("the Nystrom kernel (a " + n + " x " + m + " float matrix)", MemoryGuard.nystromBytes(n, m),
                "Use fewer landmarks or affinity: knn (a sparse graph of about "
                        + MemoryGuard.human(MemoryGuard.knnBytes(n, options.neighbors())) + ").");
        long t = System.nanoTime();
        double gamma = Double.isNaN(options.gamma())
                ? Affinities.medianHeuristicGamma(x, Seeds.derive(seed, "median-gamma")) : options.gamma();
        Nystrom ny = Nystrom.fit(x, m, gamma, nev, options, Seeds.derive(seed, "landmarks"), parallel);
        diag.put("affinity", "rbf");
        diag.put("gamma", gamma);
        diag.put("landmarks", m);
        diag.put("solver_iterations", ny.pairs().iterations());
        diag.put("solver_restarts", ny.pairs().restarts());
        diag.put("solver_converged", ny.pairs().converged());
        diag.put("residual_norms", boxed(ny.pairs().residuals()));
        diag.put("eigen_seconds", seconds(t));
        putEigenvalues(ny.pairs().values(), diag);
        double[][] cols = new double[nev][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < nev; c++) {
                cols[c][i] = ny.embedding()[i][c];
            }
        }
        // the extension gives eigenvectors of the symmetric normalisation; the random-walk ones are D^-1/2 times them
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            inv[i] = 1 / ny.sqrtDegree()[i];
        }
        return new Embedding(embed(cols, options.k(), n, inv));
    }

    /** Eigenvalues of the Laplacian (1 - mu, ascending) and the gap after the k-th. */
    private void putEigenvalues(double[] mu, Map<String, Object> diag) {
        List<Double> lambda = new ArrayList<>();
        for (double m : mu) {
            lambda.add(Math.max(0, 1 - m));
        }
        diag.put("eigenvalues", lambda);
        int k = options.k();
        if (lambda.size() > k) {
            diag.put("eigengap", lambda.get(k) - lambda.get(k - 1));
        }
    }

    /**
     * The first {@code dims} eigenvectors as embedding rows: unit rows for the symmetric Laplacian
     * (Ng, Jordan and Weiss), {@code D^-1/2} times them, unnormalised, for the random-walk one.
     */
    private double[][] embed(double[][] vectors, int dims, int n, double[] invSqrtDegree) {
        double[][] rows = new double[n][dims];
        boolean randomWalk = options.laplacian() == Laplacian.RANDOM_WALK;
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < dims; c++) {
                double v = vectors[c][i] * (randomWalk ? invSqrtDegree[i] : 1);
                rows[i][c] = v;
                norm += v * v;
            }
            if (!randomWalk && norm > 0) {
                double inv = 1 / Math.sqrt(norm);
                for (int c = 0; c < dims; c++) {
                    rows[i][c] *= inv;
                }
            }
        }
        return rows;
    }

    /** Unit vectors {@code D^1/2 1_C} of every component C: exact eigenvectors of M with eigenvalue 1. */
    private static double[][] componentVectors(int[] component, int count, double[] sqrtDegree) {
        int n = component.length;
        double[][] q = new double[count][n];
        double[] norm = new double[count];
        for (int i = 0; i < n; i++) {
            q[component[i]][i] = sqrtDegree[i];
            norm[component[i]] += sqrtDegree[i] * sqrtDegree[i];
        }
        for (int c = 0; c < count; c++) {
            double inv = 1 / Math.sqrt(norm[c]);
            for (int i = 0; i < n; i++) {
                q[c][i] *= inv;
            }
        }
        return q;
    }

    private static EigenPairs lockedThenRest(List<double[]> locked, EigenPairs rest, SymmetricOperator op,
                                             Parallelism parallel) {
        int c = locked.size();
        int r = rest == null ? 0 : rest.values().length;
        double[] values = new double[c + r];
        double[][] vectors = new double[c + r][];
        double[] residuals = new double[c + r];
        int n = op.size();
        double[] mv = new double[n];
        for (int i = 0; i < c; i++) {
            values[i] = 1.0;
            vectors[i] = locked.get(i);
            op.apply(vectors[i], mv, parallel);
            double sq = 0;
            for (int p = 0; p < n; p++) {
                double d = mv[p] - vectors[i][p];
                sq += d * d;
            }
            residuals[i] = Math.sqrt(sq);
        }
        for (int i = 0; i < r; i++) {
            values[c + i] = rest.values()[i];
            vectors[c + i] = rest.vectors()[i];
            residuals[c + i] = rest.residuals()[i];
        }
        return new EigenPairs(values, vectors, residuals, rest == null ? 0 : rest.iterations(),
                rest == null ? 0 : rest.restarts(), rest == null || rest.converged());
    }

    /** All eigenpairs by Commons Math, the {@code nev} largest kept. */
    private static EigenPairs denseLargest(NormalizedAffinity op, int nev) {
        double[][] m = op.toDense();
        int n = m.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] top = new double[nev];
        double[][] vectors = new double[nev][];
        double[] residuals = new double[nev];
        double[] mv = new double[n];
        for (int t = 0; t < nev; t++) {
            top[t] = values[order[t]];
            vectors[t] = eig.getEigenvector(order[t]).toArray();
            op.apply(vectors[t], mv, Parallelism.sequential());
            double sq = 0;
            for (int p = 0; p < n; p++) {
                double d = mv[p] - top[t] * vectors[t][p];
                sq += d * d;
            }
            residuals[t] = Math.sqrt(sq);
        }
        return new EigenPairs(top, vectors, residuals, 0, 0, true);
    }

    /** Components of a dense affinity (edges are the non-zero weights). */
    static int[] denseComponents(int n, float[] w) {
        return Components.label(n, (v, neighbour) -> {
            int o = v * n;
            for (int u = 0; u < n; u++) {
                if (w[o + u] != 0) {
                    neighbour.accept(u);
                }
            }
        });
    }

    /** Centroids as the means of each cluster's input rows; an empty cluster takes the overall mean. */
    private static Clustering inputSpaceResult(FloatMatrix data, int[] labels, int k, int iterations,
                                               StopReason reason, List<IterationTrace> trace,
                                               Map<String, Object> diag) {
        int n = data.rows();
        int d = data.cols();
        float[] x = data.data();
        double[] sums = new double[k * d];
        double[] all = new double[d];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            sizes[l]++;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                sums[l * d + j] += x[o + j];
                all[j] += x[o + j];
            }
        }
        float[] centroids = new float[k * d];
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                empty++;
            }
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] = (float) (sizes[c] > 0 ? sums[c * d + j] / sizes[c] : all[j] / n);
            }
        }
        double distortion = 0;
        for (int i = 0; i < n; i++) {
            distortion += org.imageclustering.core.distance.SquaredEuclidean.distance(x, i * d, centroids, labels[i] * d, d);
        }
        diag.put("empty_clusters", empty);
        return new Clustering(labels, FloatMatrix.wrap(k, d, centroids), sizes, distortion, iterations, reason,
                trace, diag);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
