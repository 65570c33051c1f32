package org.imageclustering.core.spectral;

import java.nio.file.Path;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.spectral.SpectralOptions.Affinity;
import org.imageclustering.core.spectral.SpectralOptions.Assignment;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.spectral.SpectralOptions.Laplacian;
import org.imageclustering.core.spectral.SpectralOptions.Solver;

/**
 * Builds {@link SpectralClustering} from an experiment file's settings; bound under the name
 * {@code spectral}. Keys (defaults in {@link SpectralOptions#defaults}): {@code affinity},
 * {@code neighbors}, {@code knn-weights}, {@code local-scale-neighbor}, {@code gamma} (a number or
 * {@code median}), {@code affinity-file}, {@code laplacian}, {@code solver}, {@code landmarks},
 * {@code pca}, {@code assign}, {@code restarts}, {@code eigen-tolerance}, {@code eigen-max-iterations},
 * {@code krylov-size}, {@code memory-limit-mb}.
 */
public final class SpectralFactory implements ClusteringAlgorithmFactory {
    /** Every key this factory reads; the options' messages start with one of them. */
    private static final java.util.Set<String> KEYS = java.util.Set.of("affinity", "neighbors", "knn-weights",
            "local-scale-neighbor", "gamma", "affinity-file", "laplacian", "solver", "landmarks", "pca", "assign",
            "restarts", "eigen-tolerance", "eigen-max-iterations", "krylov-size", "memory-limit-mb");

    public SpectralFactory() {
    }

    @Override
    public ClusteringAlgorithm create(int k, Parameters params) {
        SpectralOptions d = SpectralOptions.defaults(Math.max(2, k));
        Affinity affinity = params.choice("affinity", d.affinity(), Affinity::fromName);
        int neighbors = params.integer("neighbors", d.neighbors());
        KnnWeights weights = params.choice("knn-weights", d.knnWeights(), KnnWeights::fromName);
        int scaleNeighbor = params.integer("local-scale-neighbor", d.localScaleNeighbor());
        double gamma = d.gamma();
        if (params.has("gamma")) {
            Object g = params.raw("gamma");
            if (g instanceof String s && s.trim().equalsIgnoreCase("median")) {
                gamma = Double.NaN;
            } else if (g instanceof Number num) {
                gamma = num.doubleValue();
            } else {
                throw params.invalid("gamma", "expected a number > 0 or 'median', found " + g);
            }
        }
        Path file = params.has("affinity-file") ? Path.of(params.string("affinity-file")) : null;
        Laplacian laplacian = params.choice("laplacian", d.laplacian(), Laplacian::fromName);
        Solver solver = params.choice("solver", d.solver(), Solver::fromName);
        int landmarks = params.integer("landmarks", d.landmarks());
        int pca = params.integer("pca", d.pca());
        Assignment assign = params.choice("assign", d.assign(), Assignment::fromName);
        int restarts = params.integer("restarts", d.restarts());
        double tolerance = params.number("eigen-tolerance", d.eigenTolerance());
        int maxIterations = params.integer("eigen-max-iterations", d.eigenMaxIterations());
        int krylov = params.integer("krylov-size", d.krylovSize());
        long memoryMb = params.longValue("memory-limit-mb", 0);
        params.requireAllUsed();
        try {
            return new SpectralClustering(new SpectralOptions(k, affinity, neighbors, weights, scaleNeighbor, gamma,
                    laplacian, solver, landmarks, pca, assign, restarts, tolerance, maxIterations, krylov, file,
                    Math.multiplyExact(memoryMb, 1024L * 1024L)));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String key = msg.contains(" ") ? msg.substring(0, msg.indexOf(' ')) : "";
            if (key.equals("memory-limit-mb")) {
                msg = "memory-limit-mb must be >= 0 (0 = 80% of the heap), was " + memoryMb;
            }
            throw new OptionException(KEYS.contains(key) ? params.keyPath(key) : params.path(), msg);
        } catch (ArithmeticException e) {
            throw params.invalid("memory-limit-mb", "is too large: " + memoryMb);
        }
    }
}
