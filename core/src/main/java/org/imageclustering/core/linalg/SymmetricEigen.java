package org.imageclustering.core.linalg;

import java.util.Arrays;

/**
 * All eigenvalues and eigenvectors of a dense symmetric matrix: Householder reduction to
 * tridiagonal form, then the implicit QL iteration with Wilkinson-type shifts.
 *
 * <p>Written for PCA and ZCA whitening, where covariance matrices are often rank-deficient (more
 * features than rows, constant border pixels): Commons Math 3.6's {@code EigenDecomposition} can
 * fail to converge on such matrices, this solver deflates the zero eigenvalues normally. Both
 * phases work on rows (the reduction by rank-two row updates, the QL rotations on rows of the
 * transposed eigenvector matrix), so they stream through memory instead of striding down columns.
 *
 * <p>References: R. S. Martin, C. Reinsch and J. H. Wilkinson, Householder's tridiagonalization of a
 * symmetric matrix, Numer. Math. 11 (1968); A. Bowdler, R. S. Martin, C. Reinsch and
 * J. H. Wilkinson, The QR and QL algorithms for symmetric matrices, Numer. Math. 11 (1968).
 */
public final class SymmetricEigen {
    /**
     * A complete eigen-decomposition: eigenvalues, largest first, and the unit eigenvector of each
     * as a row, its sign fixed so that its entry of largest magnitude is positive.
     *
     * @param values   the eigenvalues in descending order
     * @param vectors  {@code vectors[i]} is the unit eigenvector of {@code values[i]}
     */
    public record Result(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * The eigenpairs of the symmetric matrix {@code a} (only read), largest eigenvalue first, each
     * vector with the deterministic sign of {@link Result}.
     *
     * @throws IllegalArgumentException if {@code a} is not square
     */
    public static Result decompose(double[][] a) {
        int n = a.length;
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
        }
        if (n == 0) {
            return new Result(new double[0], new double[0][]);
        }
        double[] d = new double[n];
        double[] e = new double[n];
        double[][] vt = tridiagonalise(a, d, e);
        ql(d, e, vt);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            vectors[i] = signNormalised(vt[order[i]]);
        }
        return new Result(values, vectors);
    }

    /** Flips {@code v} so that its entry of largest magnitude is positive (a deterministic sign). */
    static double[] signNormalised(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        if (v[best] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /**
     * Householder reduction {@code A = Q T Q^T}, working on rows only (the trailing block of a
     * symmetric matrix is updated by rank-two row operations), so that it streams through memory.
     * On return {@code d} holds the diagonal of T, {@code e[i]} (i >= 1) its entry {@code T[i][i-1]},
     * and the result is {@code Q^T} (row i is column i of Q).
     */
    private static double[][] tridiagonalise(double[][] input, double[] d, double[] e) {
        int n = d.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
        }
        double[][] vs = new double[n][];
        double[] betas = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double[] row = a[k];
            double tail = 0;
            for (int i = k + 2; i < n; i++) {
                tail += row[i] * row[i];
            }
            double x0 = row[k + 1];
            if (tail == 0) {
                e[k + 1] = x0;
                continue;
            }
            double norm = Math.sqrt(x0 * x0 + tail);
            double alpha = x0 > 0 ? -norm : norm;
            double[] v = new double[n];
            System.arraycopy(row, k + 1, v, k + 1, n - k - 1);
            v[k + 1] -= alpha;
            double vv = (x0 - alpha) * (x0 - alpha) + tail;
            double beta = 2 / vv;
            vs[k] = v;
            betas[k] = beta;
            e[k + 1] = alpha;
            // p = beta B v, K = beta / 2 v.p, w = p - K v, B -= v w^T + w v^T (B the trailing block)
            double vp = 0;
            for (int i = k + 1; i < n; i++) {
                double[] ai = a[i];
                double s = 0;
                for (int j = k + 1; j < n; j++) {
                    s += ai[j] * v[j];
                }
                p[i] = beta * s;
                vp += v[i] * p[i];
            }
            double kk = beta * vp / 2;
            for (int i = k + 1; i < n; i++) {
                p[i] -= kk * v[i];
            }
            for (int i = k + 1; i < n; i++) {
                double[] ai = a[i];
                double vi = v[i];
                double wi = p[i];
                for (int j = k + 1; j < n; j++) {
                    ai[j] -= vi * p[j] + wi * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
        }
        if (n >= 2) {
            e[n - 1] = a[n - 1][n - 2];
        }
        e[0] = 0;
        // Q = H_0 H_1 ... H_{n-3}, accumulated from the last reflector so each touches its trailing block only
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        double[] u = new double[n];
        for (int k = n - 3; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) {
                continue;
            }
            java.util.Arrays.fill(u, k + 1, n, 0);
            for (int i = k + 1; i < n; i++) {
                double vi = v[i];
                double[] qi = q[i];
                for (int j = k + 1; j < n; j++) {
                    u[j] += vi * qi[j];
                }
            }
            for (int i = k + 1; i < n; i++) {
                double f = betas[k] * v[i];
                double[] qi = q[i];
                for (int j = k + 1; j < n; j++) {
                    qi[j] -= f * u[j];
                }
            }
        }
        // rows of Q^T
        double[][] qt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                qt[j][i] = q[i][j];
            }
        }
        return qt;
    }

    /**
     * Implicit QL on the tridiagonal ({@code d}, {@code e}); rotations are applied to the rows of
     * {@code vt} (the eigenvectors as rows). On return {@code d} holds the eigenvalues, unsorted.
     */
    private static void ql(double[] d, double[] e, double[][] vt) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double tst1 = 0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 100) {
                        throw new IllegalStateException("symmetric eigen-decomposition did not converge at "
                                + "eigenvalue " + l + " of " + n);
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double[] a = vt[i];
                        double[] b = vt[i + 1];
                        for (int k = 0; k < n; k++) {
                            double bk = b[k];
                            b[k] = s * a[k] + c * bk;
                            a[k] = c * a[k] - s * bk;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }
}
