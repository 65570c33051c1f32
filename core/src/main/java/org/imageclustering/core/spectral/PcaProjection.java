package org.imageclustering.core.spectral;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;

/**
 * Projection of centred rows onto the leading principal axes, from the eigendecomposition of the
 * covariance matrix: a front end that makes the kNN graph of image rows cheaper (distances in 50
 * instead of 784 dimensions) and often cleaner.
 *
 * <p>Kept deliberately small and internal: the covariance is accumulated in double, one block of
 * its rows per task (fixed blocks, so the same at any thread count), and decomposed by Commons Math.
 *
 * @param projected  the rows in principal coordinates, {@code n x components}
 * @param explained  fraction of the total variance the components keep
 */
record PcaProjection(FloatMatrix projected, double explained) {
    private static final int COLUMN_BLOCK = 16;
    private static final int ROW_CHUNK = 2048;

    static PcaProjection fit(FloatMatrix x, int components, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        if (components >= d) {
            throw new IllegalArgumentException("pca = " + components + " must be smaller than the number of features ("
                    + d + ")");
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
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] axes = new double[components][];
        double kept = 0;
        for (int c = 0; c < components; c++) {
            axes[c] = eig.getEigenvector(order[c]).toArray();
            kept += values[order[c]];
            // a deterministic sign: the largest-magnitude coordinate is positive
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
        float[] out = new float[n * components];
        parallel.forEach(n, ROW_CHUNK, (s, e) -> {
            double[] centred = new double[d];
            for (int i = s; i < e; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    centred[j] = xd[o + j] - mean[j];
                }
                for (int c = 0; c < components; c++) {
                    double sum = 0;
                    double[] ax = axes[c];
                    for (int j = 0; j < d; j++) {
                        sum += centred[j] * ax[j];
                    }
                    out[i * components + c] = (float) sum;
                }
            }
        });
        return new PcaProjection(FloatMatrix.wrap(n, components, out), total > 0 ? kept / total : 1.0);
    }
}
