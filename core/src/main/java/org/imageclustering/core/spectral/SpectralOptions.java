package org.imageclustering.core.spectral;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.imageclustering.core.Suggestions;

/**
 * Validated options of a spectral clustering fit. Every name in an error message is the YAML key
 * of the field, so that the factory can point at the offending line.
 *
 * @param k                  number of clusters, {@code >= 2}
 * @param affinity           how the similarity graph is built
 * @param neighbors          neighbours per row of the kNN graph (the row itself excluded), {@code >= 1}
 * @param knnWeights         edge weights of the kNN graph
 * @param localScaleNeighbor which neighbour's distance is the local scale of a row for
 *                           {@link KnnWeights#SELF_TUNING} (Zelnik-Manor and Perona use 7), {@code >= 1}
 * @param gamma              RBF width {@code exp(-gamma * |x - y|^2)}; {@code NaN} means the median
 *                           heuristic {@code 1 / median |x - y|^2}
 * @param laplacian          which normalised Laplacian's eigenvectors embed the rows
 * @param solver             how its eigenvectors are computed
 * @param landmarks          landmark rows of the Nystrom approximation, {@code >= k + 1} with
 *                           solver {@link Solver#NYSTROM} (the only one that reads it), else {@code >= 1};
 *                           the default is {@value #DEFAULT_LANDMARKS} or k + 1 if more
 * @param pca                principal components the rows are projected onto before any distance is
 *                           computed, {@code 0} for none
 * @param assign             how the embedding is turned into labels
 * @param restarts           k-means restarts on the embedding, {@code >= 1}
 * @param eigenTolerance     a Ritz pair is accepted when {@code |M v - theta v| <= eigenTolerance}
 *                           (unit {@code v}), {@code > 0}
 * @param eigenMaxIterations budget of Lanczos steps (matrix-vector products), {@code >= 1}
 * @param krylovSize         Lanczos basis size, {@code 0} for automatic ({@code max(3(k+1), k+31)}, or the
 *                           whole graph once that reaches half of it)
 * @param affinityFile       the graph file when {@code affinity} is {@link Affinity#PRECOMPUTED}, else null
 * @param memoryLimitBytes   the largest single allocation of an n x n or n x m step that may start,
 *                           {@code 0} for 80% of the maximum heap
 */
public record SpectralOptions(int k, Affinity affinity, int neighbors, KnnWeights knnWeights, int localScaleNeighbor,
                              double gamma, Laplacian laplacian, Solver solver, int landmarks, int pca,
                              Assignment assign, int restarts, double eigenTolerance, int eigenMaxIterations,
                              int krylovSize, Path affinityFile, long memoryLimitBytes) {
    public static final int DEFAULT_NEIGHBORS = 10;
    public static final int DEFAULT_LOCAL_SCALE_NEIGHBOR = 7;
    public static final int DEFAULT_LANDMARKS = 2000;
    public static final int DEFAULT_RESTARTS = 10;
    public static final double DEFAULT_EIGEN_TOLERANCE = 1e-6;
    public static final int DEFAULT_EIGEN_MAX_ITERATIONS = 20_000;
    /** {@link Solver#AUTO} uses the dense solver up to this many rows, Lanczos above. */
    public static final int DENSE_SOLVER_MAX_ROWS = 600;
    /**
     * {@link Solver#AUTO} uses Lanczos only while the eigenpairs wanted (k + 1) are at most 1 / this
     * of the rows; above, the dense solver (one decomposition, as cheap as Lanczos's whole-graph basis).
     */
    public static final int LANCZOS_MAX_PAIR_SHARE = 4;

    public SpectralOptions {
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2, was " + k);
        }
        Objects.requireNonNull(affinity, "affinity");
        Objects.requireNonNull(knnWeights, "knn-weights");
        Objects.requireNonNull(laplacian, "laplacian");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(assign, "assign");
        if (neighbors < 1) {
            throw new IllegalArgumentException("neighbors must be >= 1, was " + neighbors);
        }
        if (localScaleNeighbor < 1) {
            throw new IllegalArgumentException("local-scale-neighbor must be >= 1, was " + localScaleNeighbor);
        }
        if (!Double.isNaN(gamma) && !(gamma > 0 && Double.isFinite(gamma))) {
            throw new IllegalArgumentException("gamma must be a finite number > 0 or 'median', was " + gamma);
        }
        // only Nystrom reads the landmarks: other solvers must accept the default at any k
        if (solver == Solver.NYSTROM && landmarks < k + 1) {
            throw new IllegalArgumentException("landmarks must be >= k + 1 = " + (k + 1) + ", was " + landmarks);
        }
        if (landmarks < 1) {
            throw new IllegalArgumentException("landmarks must be >= 1, was " + landmarks);
        }
        if (pca < 0) {
            throw new IllegalArgumentException("pca must be >= 0 (0 = no projection), was " + pca);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, was " + restarts);
        }
        if (!(eigenTolerance > 0) || Double.isInfinite(eigenTolerance)) {
            throw new IllegalArgumentException("eigen-tolerance must be a finite number > 0, was " + eigenTolerance);
        }
        if (eigenMaxIterations < 1) {
            throw new IllegalArgumentException("eigen-max-iterations must be >= 1, was " + eigenMaxIterations);
        }
        if (krylovSize != 0 && krylovSize < k + 3) {
            throw new IllegalArgumentException("krylov-size must be 0 (automatic) or >= k + 3 = " + (k + 3)
                    + ", was " + krylovSize);
        }
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memory-limit-mb must be >= 0 (0 = 80% of the heap), was "
                    + memoryLimitBytes);
        }
        if (affinity == Affinity.PRECOMPUTED && affinityFile == null) {
            throw new IllegalArgumentException("affinity-file is required when affinity is 'precomputed'");
        }
        if (affinity != Affinity.PRECOMPUTED && affinityFile != null) {
            throw new IllegalArgumentException("affinity-file is only read when affinity is 'precomputed', not '"
                    + affinity.yamlName() + "'");
        }
        if (solver == Solver.NYSTROM && affinity != Affinity.RBF) {
            throw new IllegalArgumentException("solver 'nystrom' approximates the RBF affinity; set affinity: rbf"
                    + " (it was '" + affinity.yamlName() + "')");
        }
    }

    /** The defaults for {@code k} clusters: kNN connectivity graph, k = 10, symmetric Laplacian, Lanczos, k-means x 10. */
    public static SpectralOptions defaults(int k) {
        return new SpectralOptions(k, Affinity.KNN, DEFAULT_NEIGHBORS, KnnWeights.CONNECTIVITY,
                DEFAULT_LOCAL_SCALE_NEIGHBOR, Double.NaN, Laplacian.SYMMETRIC, Solver.AUTO, defaultLandmarks(k), 0,
                Assignment.KMEANS, DEFAULT_RESTARTS, DEFAULT_EIGEN_TOLERANCE, DEFAULT_EIGEN_MAX_ITERATIONS, 0, null, 0);
    }

    /** {@value #DEFAULT_LANDMARKS} landmarks, or k + 1 when k is larger: the fewest Nystrom accepts. */
    public static int defaultLandmarks(int k) {
        return Math.max(DEFAULT_LANDMARKS, k + 1);
    }

    public SpectralOptions withAffinity(Affinity a) {
        return new SpectralOptions(k, a, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize,
                a == Affinity.PRECOMPUTED ? affinityFile : null, memoryLimitBytes);
    }

    public SpectralOptions withNeighbors(int n, KnnWeights w) {
        return new SpectralOptions(k, affinity, n, w, localScaleNeighbor, gamma, laplacian, solver, landmarks, pca,
                assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile, memoryLimitBytes);
    }

    public SpectralOptions withGamma(double g) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, g, laplacian, solver,
                landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withLaplacian(Laplacian l) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, l, solver,
                landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withSolver(Solver s) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, s,
                landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withLandmarks(int m) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                m, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withPca(int components) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                landmarks, components, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize,
                affinityFile, memoryLimitBytes);
    }

    public SpectralOptions withAssign(Assignment a) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                landmarks, pca, a, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withRestarts(int r) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                landmarks, pca, assign, r, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile,
                memoryLimitBytes);
    }

    public SpectralOptions withPrecomputed(Path file) {
        return new SpectralOptions(k, Affinity.PRECOMPUTED, neighbors, knnWeights, localScaleNeighbor, gamma,
                laplacian, solver, landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize,
                file, memoryLimitBytes);
    }

    public SpectralOptions withMemoryLimitBytes(long bytes) {
        return new SpectralOptions(k, affinity, neighbors, knnWeights, localScaleNeighbor, gamma, laplacian, solver,
                landmarks, pca, assign, restarts, eigenTolerance, eigenMaxIterations, krylovSize, affinityFile, bytes);
    }

    /** How the similarity graph between rows is built. */
    public enum Affinity {
        /** Dense Gaussian kernel between every pair of rows (n x n memory). */
        RBF("rbf"),
        /** Sparse symmetric graph of each row's nearest neighbours, found exactly. */
        KNN("knn"),
        /** A sparse graph read from a file of {@code i,j,w} triplets. */
        PRECOMPUTED("precomputed");

        private final String yamlName;

        Affinity(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Affinity fromName(String name) {
            return Names.parse(Affinity.class, name, values(), Affinity::yamlName, "affinity");
        }
    }

    /** Edge weights of the kNN graph. */
    public enum KnnWeights {
        /** Every edge weighs 1; the graph is symmetrised as {@code (A + A^T) / 2} (scikit-learn's convention). */
        CONNECTIVITY("connectivity"),
        /**
         * {@code exp(-|x_i - x_j|^2 / (sigma_i sigma_j))} with {@code sigma_i} the distance of row i to its
         * {@code local-scale-neighbor}-th neighbour (Zelnik-Manor and Perona 2004), on the union of both
         * directions' edges.
         */
        SELF_TUNING("self-tuning");

        private final String yamlName;

        KnnWeights(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static KnnWeights fromName(String name) {
            return Names.parse(KnnWeights.class, name, values(), KnnWeights::yamlName, "knn-weights");
        }
    }

    /** Which normalised graph Laplacian embeds the rows. */
    public enum Laplacian {
        /**
         * {@code I - D^-1/2 W D^-1/2}; its eigenvectors' rows are scaled to unit length before the
         * assignment (Ng, Jordan and Weiss 2001).
         */
        SYMMETRIC("symmetric"),
        /**
         * {@code I - D^-1 W}; its eigenvectors ({@code D^-1/2} times the symmetric ones) are used as they
         * are (Shi and Malik 2000; scikit-learn's embedding).
         */
        RANDOM_WALK("random-walk");

        private final String yamlName;

        Laplacian(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Laplacian fromName(String name) {
            return Names.parse(Laplacian.class, name, values(), Laplacian::yamlName, "laplacian");
        }
    }

    /** How the smallest eigenvectors of the Laplacian are computed. */
    public enum Solver {
        /**
         * Dense up to {@link #DENSE_SOLVER_MAX_ROWS} rows or when k + 1 is more than
         * 1 / {@link #LANCZOS_MAX_PAIR_SHARE} of the rows, Lanczos otherwise.
         */
        AUTO("auto"),
        /** Commons Math's full symmetric eigendecomposition: exact, O(n^3) time, n x n memory. */
        DENSE("dense"),
        /** Thick-restart Lanczos with full reorthogonalisation on the graph as a linear operator. */
        LANCZOS("lanczos"),
        /** Nystrom extension from {@code landmarks} rows (RBF affinity only): n x m memory. */
        NYSTROM("nystrom");

        private final String yamlName;

        Solver(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Solver fromName(String name) {
            return Names.parse(Solver.class, name, values(), Solver::yamlName, "solver");
        }
    }

    /** How the embedding becomes labels. */
    public enum Assignment {
        /** k-means with restarts on the embedding rows. */
        KMEANS("kmeans"),
        /** The discrete partition closest to the embedding up to a rotation (Yu and Shi 2003). */
        DISCRETIZE("discretize");

        private final String yamlName;

        Assignment(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Assignment fromName(String name) {
            return Names.parse(Assignment.class, name, values(), Assignment::yamlName, "assign");
        }
    }

    /** Shared name parsing of the option enums. */
    static final class Names {
        private Names() {
        }

        static <E> E parse(Class<E> type, String name, E[] values, java.util.function.Function<E, String> yaml,
                           String key) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (E v : values) {
                if (yaml.apply(v).equals(wanted)) {
                    return v;
                }
            }
            var names = Arrays.stream(values).map(yaml).collect(Collectors.toList());
            throw new IllegalArgumentException("unknown " + key + " '" + name + "'" + Suggestions.hint(name, names)
                    + "; expected one of " + names);
        }
    }
}
