package org.imageclustering.core.spectral;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.linalg.PrincipalComponents;

/**
 * The spectral package's adapter to {@link PrincipalComponents}: principal axes fitted on an evenly
 * spaced sample of the rows, for the {@code pca} front end (a kNN graph over 50 instead of 784
 * dimensions is cheaper and often cleaner).
 */
final class PcaProjection {
    /** Rows (evenly spaced) whose covariance gives the front end's axes: plenty for 50 axes of 784 features. */
    static final int SAMPLE_ROWS = 16_384;

    private PcaProjection() {
    }

    /**
     * The leading {@code components} principal axes of at most {@code sampleRows} evenly spaced rows
     * of {@code x}, exact (covariance eigen-decomposition), so the same at any thread count.
     */
    static PrincipalComponents fit(FloatMatrix x, int components, int sampleRows, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        if (components >= d) {
            throw new IllegalArgumentException("pca = " + components
                    + " must be smaller than the number of features (" + d + ")");
        }
        if (n < 2) {
            throw new IllegalArgumentException("pca needs at least 2 rows, the data has " + n);
        }
        FloatMatrix sample = strided(x, sampleRows);
        if (components > sample.rows() - 1) {
            throw new IllegalArgumentException("pca = " + components + " needs more than " + components
                    + " rows, the data has " + sample.rows());
        }
        return PrincipalComponents.byCovariance(sample, components, 0, parallel);
    }

    /** At most {@code m} rows of {@code x}, evenly spaced (all of them when there are fewer). */
    static FloatMatrix strided(FloatMatrix x, int m) {
        int n = x.rows();
        if (n <= m) {
            return x;
        }
        int[] rows = new int[m];
        for (int t = 0; t < m; t++) {
            rows[t] = (int) ((long) t * n / m);
        }
        return x.selectRows(rows);
    }
}
