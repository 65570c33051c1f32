package org.imageclustering.experiments.spec;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Sha256;
import org.imageclustering.core.kmeans.CentroidFiles;
import org.imageclustering.core.spectral.Affinities;

/**
 * The algorithm options whose value is a file a run reads: {@code centroids} ({@code kmeans},
 * {@code minibatch-kmeans}) and {@code affinity-file} ({@code spectral}); no transform reads a file.
 * A run's id includes the SHA-256 of each such file's content, so editing the file makes new runs
 * instead of leaving old results standing for it; and each file's shape is checked against the
 * data before any run starts.
 */
public final class InputFiles {
    /** Starting centroids: K rows, one column per feature after the feature chain. */
    public static final String CENTROIDS = "centroids";
    /** A precomputed affinity graph: {@code i,j,w} lines over the training rows. */
    public static final String AFFINITY_FILE = "affinity-file";
    /** Every option key whose value names a file a run reads. */
    public static final List<String> KEYS = List.of(CENTROIDS, AFFINITY_FILE);

    private InputFiles() {
    }

    /**
     * Hex SHA-256 of the file's bytes.
     *
     * @throws NoSuchFileException if it does not exist
     */
    public static String sha256(Path file) throws IOException {
        return Sha256.hex(file);
    }

    /**
     * What is wrong with the file of option {@code key} for a run with {@code k} clusters on
     * {@code rows} training rows of {@code features} features, or {@code null} if it fits.
     *
     * @param data what the features are, for the message (e.g. "dataset 'fashion-mnist', feature set 'raw'")
     */
    public static String shapeProblem(String key, Path file, int k, int rows, int features, String data) {
        try {
            if (key.equals(CENTROIDS)) {
                FloatMatrix c = CentroidFiles.read(file);
                if (c.rows() != k || c.cols() != features) {
                    return "centroid file " + file + " holds " + c.rows() + " x " + c.cols() + " centroids (rows x features), "
                            + "expected " + k + " x " + features + ": K = " + k + " and " + data + " has " + features
                            + " features";
                }
            } else if (key.equals(AFFINITY_FILE)) {
                Affinities.readPrecomputed(file, rows);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // the reader's message names the file, the line and what the data allows
        }
    }
}
