package org.imageclustering.core.kmeans;

import java.nio.file.Path;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Builds {@link KMeans} from experiment-file settings; bound under the algorithm name {@code kmeans}.
 *
 * <p>Keys (defaults in brackets): {@code variant} (auto) lloyd | hamerly | elkan | auto;
 * {@code init} (k-means++) random-gaussian | random-points | k-means++ | k-means|| | given;
 * {@code restarts} (1); {@code max-iterations} (300); {@code tolerance} (1e-4);
 * {@code tolerance-mode} (center-shift) center-shift | relative-distortion;
 * {@code empty-clusters} (farthest-point) farthest-point | largest-cluster-split | error;
 * {@code centroids}: a CSV file of k starting centroids ({@link CentroidFiles}); giving it implies
 * {@code init: given}; {@code spherical} (false): spherical k-means, clustering by cosine
 * similarity ({@link KMeans}). There is no {@code metric} key: it is refused with a pointer to
 * {@code spherical}. Relative paths resolve against the working directory.
 */
public final class KMeansFactory implements ClusteringAlgorithmFactory {
    public KMeansFactory() {
    }

    @Override
    public ClusteringAlgorithm create(int k, Parameters params) {
        return new KMeans(options(k, params));
    }

    /** The validated options these parameters describe (unknown keys rejected). */
    public static KMeansOptions options(int k, Parameters params) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        KMeansOptions defaults = KMeansOptions.defaults(k);
        KMeansVariant variant = params.choice("variant", KMeansVariant.AUTO, KMeansVariant::fromName);
        Start start = Start.read(params, k);
        int restarts = atLeast(params, "restarts", 1, 1);
        int maxIterations = atLeast(params, "max-iterations", defaults.maxIterations(), 1);
        double tolerance = params.number("tolerance", defaults.tolerance());
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw params.invalid("tolerance", "expected a finite number >= 0, found " + tolerance);
        }
        ToleranceMode mode = params.choice("tolerance-mode", defaults.toleranceMode(), ToleranceMode::fromName);
        EmptyClusterPolicy policy = params.choice("empty-clusters", defaults.emptyClusterPolicy(),
                EmptyClusterPolicy::fromName);
        if (params.has("metric")) {
            // One spelling for one concept: cosine k-means is the spherical switch.
            throw params.invalid("metric", "k-means has no 'metric' key; for cosine similarity set"
                    + " 'spherical: true' (Euclidean k-means is the default)");
        }
        boolean spherical = params.bool("spherical", false);
        params.requireAllUsed();
        return new KMeansOptions(k, maxIterations, tolerance, mode, restarts,
                start.init(), policy, start.given(), variant, spherical);
    }

    /** The starting centres that the keys {@code init} and {@code centroids} ask for (k-means++ when neither is given). */
    record Start(Initialization init, FloatMatrix given) {
        static Start read(Parameters params, int k) {
            Initialization init = params.choice("init", null, Initialization::fromName);
            FloatMatrix given = null;
            if (params.has("centroids")) {
                String file = params.string("centroids");
                if (init != null && init != Initialization.GIVEN) {
                    throw params.invalid("centroids", "a centroid file was given but init is '" + init.yamlName()
                            + "'; drop init or set it to 'given'");
                }
                try {
                    given = CentroidFiles.read(Path.of(file), k, -1);
                } catch (IllegalArgumentException e) {
                    throw new OptionException(params.keyPath("centroids"), e.getMessage());
                }
                init = Initialization.GIVEN;
            } else if (init == Initialization.GIVEN) {
                throw params.invalid("init", "init 'given' needs a 'centroids' key naming a CSV file of " + k
                        + " centroids");
            }
            return new Start(init == null ? Initialization.KMEANS_PLUS_PLUS : init, given);
        }
    }

    static int atLeast(Parameters params, String key, int defaultValue, int min) {
        int v = params.integer(key, defaultValue);
        if (v < min) {
            throw params.invalid(key, "expected an integer >= " + min + ", found " + v);
        }
        return v;
    }
}
