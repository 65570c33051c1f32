package org.imageclustering.core.spectral;

import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;

/**
 * Projection of centred rows onto the leading principal axes, from the eigendecomposition of the
 * covariance matrix: a front end that makes the kNN graph of image rows cheaper (distances in 50
 * instead of 784 dimensions) and often cleaner.
 *
 * <p>Kept deliberately small and internal: the covariance is accumulated in double, one band of
 * its rows per task (fixed bands, so the same at any thread count), and its leading eigenvectors
 * are found by the package's Lanczos solver.
 *
 * @param projected  the rows in principal coordinates, {@code n x components}
 * @param explained  fraction of the (sampled rows') total variance the components keep
 */
record PcaProjection(FloatMatrix projected, double explained) {
    private static final int COLUMN_BLOCK = 16;
    private static final int ROW_CHUNK = 2048;

    /** Rows (evenly spaced) whose covariance gives the axes: plenty for 50 axes of 784 features. */
    static final int SAMPLE_ROWS = 16_384;

    static PcaProjection fit(FloatMatrix x, int components, Parallelism parallel) {
        Basis basis = Basis.of(strided(x, SAMPLE_ROWS), components, parallel);
        return new PcaProjection(basis.project(x, parallel), basis.explained());
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

    /**
     * Orthonormal principal axes of some rows and their mean.
     *
     * @param mean       the rows' mean
     * @param axes       {@code axes[c]} is the c-th axis (unit, largest variance first, sign fixed so
     *                   that its largest-magnitude coordinate is positive)
     * @param explained  fraction of the total variance the axes keep
     */
    record Basis(double[] mean, double[][] axes, double explained) {
        static Basis of(FloatMatrix x, int components, Parallelism parallel) {
            int n = x.rows();
            int d = x.cols();
            if (components >= d) {
                throw new IllegalArgumentException("pca = " + components
                        + " must be smaller than the number of features (" + d + ")");
            }
            if (n < 2) {
                throw new IllegalArgumentException("pca needs at least 2 rows, the data has " + n);
            }
            float[] xd = x.data();
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    mean[j] += xd[o + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] cov = new double[d][d];
            // Each task owns a band of covariance rows and streams all data rows: no partial matrices to merge.
            parallel.forEach(d, COLUMN_BLOCK, (s, e) -> {
                double[] centred = new double[d];
                for (int i = 0; i < n; i++) {
                    int o = i * d;
                    for (int j = s; j < d; j++) {
                        centred[j] = xd[o + j] - mean[j];
                    }
                    for (int a = s; a < e; a++) {
                        double ca = centred[a];
                        if (ca == 0) {
                            continue;
                        }
                        double[] row = cov[a];
                        for (int b = a; b < d; b++) {
                            row[b] += ca * centred[b];
                        }
                    }
                }
            });
            double total = 0;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
                total += cov[a][a];
            }
            // The leading eigenvectors by Lanczos on the covariance (a full decomposition of a 784 x 784
            // matrix costs seconds); Ritz vectors are orthonormal to rounding, which the kNN filter relies on.
            double[] flat = new double[d * d];
            for (int a = 0; a < d; a++) {
                System.arraycopy(cov[a], 0, flat, a * d, d);
            }
            int ncv = Math.min(d, Math.max(2 * components + 10, components + 30));
            EigenPairs pairs = new LanczosSolver(parallel).largest(new DenseSymmetric(d, flat), components,
                    java.util.List.of(), ncv, 1e-9 * Math.max(total, Double.MIN_NORMAL), 50 * d, 0x9E3779B9L);
            double[][] axes = new double[components][];
            double kept = 0;
            for (int c = 0; c < components; c++) {
                axes[c] = pairs.vectors()[c];
                kept += pairs.values()[c];
                int arg = 0;
                for (int j = 1; j < d; j++) {
                    if (Math.abs(axes[c][j]) > Math.abs(axes[c][arg])) {
                        arg = j;
                    }
                }
                if (axes[c][arg] < 0) {
                    for (int j = 0; j < d; j++) {
                        axes[c][j] = -axes[c][j];
                    }
                }
            }
            return new Basis(mean, axes, total > 0 ? kept / total : 1.0);
        }

        /** The centred rows of {@code x} in the coordinates of the axes. */
        FloatMatrix project(FloatMatrix x, Parallelism parallel) {
            return project(x, null, parallel);
        }

        /**
         * The centred rows of {@code x} in the coordinates of the axes, and into {@code residual[i]}
         * (when not null) the length of the part of row i orthogonal to the axes, from double
         * precision coordinates.
         */
        FloatMatrix project(FloatMatrix x, double[] residual, Parallelism parallel) {
            int n = x.rows();
            int d = x.cols();
            int components = axes.length;
            float[] xd = x.data();
            float[] out = new float[n * components];
            // axes transposed, so that the inner loop runs over components and vectorises
            double[] axT = new double[d * components];
            for (int c = 0; c < components; c++) {
                for (int j = 0; j < d; j++) {
                    axT[j * components + c] = axes[c][j];
                }
            }
            parallel.forEach(n, ROW_CHUNK, (s, e) -> {
                double[] coords = new double[components];
                for (int i = s; i < e; i++) {
                    int o = i * d;
                    java.util.Arrays.fill(coords, 0);
                    double total = 0;
                    for (int j = 0; j < d; j++) {
                        double cj = xd[o + j] - mean[j];
                        total += cj * cj;
                        int a = j * components;
                        for (int c = 0; c < components; c++) {
                            coords[c] += cj * axT[a + c];
                        }
                    }
                    double inside = 0;
                    for (int c = 0; c < components; c++) {
                        out[i * components + c] = (float) coords[c];
                        inside += coords[c] * coords[c];
                    }
                    if (residual != null) {
                        residual[i] = Math.sqrt(Math.max(0, total - inside));
                    }
                }
            });
            return FloatMatrix.wrap(n, components, out);
        }
    }
}
