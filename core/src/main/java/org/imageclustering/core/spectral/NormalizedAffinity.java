package org.imageclustering.core.spectral;

import org.imageclustering.core.matrix.Parallelism;

/**
 * The normalised affinity {@code M = D^-1/2 W D^-1/2} of a graph as an operator, whose largest
 * eigenvectors are the smallest eigenvectors of the symmetric Laplacian {@code I - M}.
 *
 * <p>A vertex of degree 0 is treated as carrying a self-loop of weight 1, so that it forms its own
 * component with eigenvalue 1 rather than a zero row (scikit-learn likewise sets such degrees to 1).
 */
final class NormalizedAffinity implements SymmetricOperator {
    private static final int CHUNK = 2048;
    private static final int DENSE_CHUNK = 64;

    private final int n;
    private final SparseGraph sparse;
    private final float[] dense;
    private final boolean[] isolated;
    private final double[] sqrtDegree;
    private final double[] invSqrtDegree;

    private NormalizedAffinity(int n, SparseGraph sparse, float[] dense, double[] degree) {
        this.n = n;
        this.sparse = sparse;
        this.dense = dense;
        this.isolated = new boolean[n];
        this.sqrtDegree = new double[n];
        this.invSqrtDegree = new double[n];
        for (int i = 0; i < n; i++) {
            isolated[i] = !(degree[i] > 0);
            double d = isolated[i] ? 1 : degree[i];
            sqrtDegree[i] = Math.sqrt(d);
            invSqrtDegree[i] = 1 / sqrtDegree[i];
        }
    }

    static NormalizedAffinity of(SparseGraph g) {
        return new NormalizedAffinity(g.size(), g, null, g.degrees());
    }

    /** Over a dense row-major {@code n x n} affinity. */
    static NormalizedAffinity ofDense(int n, float[] w, Parallelism parallel) {
        double[] degree = new double[n];
        parallel.forEach(n, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                double sum = 0;
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    sum += w[o + j];
                }
                degree[i] = sum;
            }
        });
        return new NormalizedAffinity(n, null, w, degree);
    }

    @Override
    public int size() {
        return n;
    }

    /** {@code sqrt(d_i)}, 1 for isolated vertices. */
    double[] sqrtDegree() {
        return sqrtDegree;
    }

    double[] invSqrtDegree() {
        return invSqrtDegree;
    }

    @Override
    public void apply(double[] x, double[] y, Parallelism parallel) {
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = x[i] * invSqrtDegree[i];
        }
        if (sparse != null) {
            int[] start = sparse.rowStart();
            int[] cols = sparse.columns();
            double[] w = sparse.weights();
            parallel.forEach(n, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    double sum = 0;
                    for (int p = start[i]; p < start[i + 1]; p++) {
                        sum += w[p] * scaled[cols[p]];
                    }
                    y[i] = isolated[i] ? x[i] : sum * invSqrtDegree[i];
                }
            });
        } else {
            parallel.forEach(n, DENSE_CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    double sum = 0;
                    int o = i * n;
                    for (int j = 0; j < n; j++) {
                        sum += dense[o + j] * scaled[j];
                    }
                    y[i] = isolated[i] ? x[i] : sum * invSqrtDegree[i];
                }
            });
        }
    }

    /** The matrix as a dense {@code double[n][n]}, for the dense solver. */
    double[][] toDense() {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (isolated[i]) {
                m[i][i] = 1;
                continue;
            }
            if (sparse != null) {
                for (int p = sparse.rowStart()[i]; p < sparse.rowStart()[i + 1]; p++) {
                    int j = sparse.columns()[p];
                    m[i][j] = invSqrtDegree[i] * sparse.weights()[p] * invSqrtDegree[j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    m[i][j] = invSqrtDegree[i] * dense[i * n + j] * invSqrtDegree[j];
                }
            }
        }
        return m;
    }
}
