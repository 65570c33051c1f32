package org.imageclustering.loader.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.Seeds;

/**
 * The numerical core of PCA: column means, the covariance eigen-decomposition, randomized
 * subspace iteration, and the projection of rows onto components.
 *
 * <p>Work over rows is split into chunks whose size depends only on the data's shape and whose
 * partial sums are added in chunk order, so results are bit-identical at any thread count.
 *
 * <p>Reference: N. Halko, P.-G. Martinsson and J. A. Tropp, Finding structure with randomness:
 * probabilistic algorithms for constructing approximate matrix decompositions, SIAM Review 53 (2011).
 */
final class PrincipalComponents {
    /** Rows per float block inside a chunk; float partial sums never span more rows than this. */
    private static final int BLOCK = 256;
    /** At most this many chunks of rows, so per-chunk d x d partials stay bounded in memory. */
    private static final int MAX_CHUNKS = 8;
    private static final int MIN_CHUNK = 2048;

    /** A decomposition: the mean, components as rows (unit length), and the variance along each. */
    record Result(double[] mean, double[][] components, double[] variances, double totalVariance, PcaMethod method) {
    }

    private PrincipalComponents() {
    }

    static int chunkSize(int n) {
        return Math.max(MIN_CHUNK, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
    }

    /** Column means and total variance (sum of per-column sample variances) of {@code x}. */
    static double[][] moments(FloatMatrix x, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        float[] data = x.data();
        int chunk = chunkSize(n);
        double[] sum = parallel.mapReduce(n, chunk, (s, e) -> {
            double[] p = new double[d];
            for (int i = s; i < e; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    p[j] += data[o + j];
                }
            }
            return p;
        }, new double[d], PrincipalComponents::add);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
        }
        double[] sq = parallel.mapReduce(n, chunk, (s, e) -> {
            double[] p = new double[d];
            for (int i = s; i < e; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    double c = data[o + j] - mean[j];
                    p[j] += c * c;
                }
            }
            return p;
        }, new double[d], PrincipalComponents::add);
        double total = 0;
        for (double v : sq) {
            total += v;
        }
        return new double[][] {mean, {total / (n - 1)}};
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** The sample covariance ({@code d x d}, divided by n - 1) of {@code x} around {@code mean}. */
    static double[][] covariance(FloatMatrix x, double[] mean, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int dp = (d + Gemm.D.length() - 1) / Gemm.D.length() * Gemm.D.length();
        float[] data = x.data();
        double[] gram = parallel.mapReduce(n, chunkSize(n), (s, e) -> {
            double[] partial = new double[dp * dp];
            double[] block = new double[BLOCK * dp];
            for (int b = s; b < e; b += BLOCK) {
                int m = Math.min(BLOCK, e - b);
                for (int r = 0; r < m; r++) {
                    int o = (b + r) * d;
                    for (int j = 0; j < d; j++) {
                        block[r * dp + j] = data[o + j] - mean[j];
                    }
                }
                Gemm.gramUpper(block, m, dp, partial);
            }
            return partial;
        }, null, (acc, p) -> acc == null ? p : add(acc, p));
        double[][] cov = new double[d][d];
        if (gram == null) {
            return cov;
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double v = gram[j * dp + k] / (n - 1);
                cov[j][k] = v;
                cov[k][j] = v;
            }
        }
        return cov;
    }

    /** All eigenpairs of a symmetric matrix, largest eigenvalue first, each vector sign-normalised. */
    static double[][][] symmetricEigen(double[][] symmetric) {
        SymmetricEigen.Result r = SymmetricEigen.decompose(symmetric);
        double[][] vectors = r.vectors();
        for (double[] v : vectors) {
            signNormalised(v);
        }
        return new double[][][] {vectors, {r.values()}};
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

    /** PCA by the covariance eigen-decomposition; keeps {@code k} components, or by variance when k == 0. */
    static Result byCovariance(FloatMatrix x, int k, double varianceFraction, Parallelism parallel) {
        double[][] m = moments(x, parallel);
        double[] mean = m[0];
        double total = m[1][0];
        double[][][] eig = symmetricEigen(covariance(x, mean, parallel));
        double[] values = eig[1][0];
        int keep = k > 0 ? k : componentsFor(values, total, varianceFraction);
        double[][] comps = Arrays.copyOf(eig[0], keep);
        double[] vars = new double[keep];
        for (int i = 0; i < keep; i++) {
            vars[i] = Math.max(0, values[i]);
        }
        return new Result(mean, comps, vars, total, PcaMethod.COVARIANCE);
    }

    static int componentsFor(double[] sortedValues, double total, double fraction) {
        double acc = 0;
        for (int i = 0; i < sortedValues.length; i++) {
            acc += Math.max(0, sortedValues[i]);
            if (acc >= fraction * total * (1 - 1e-12)) {
                return i + 1;
            }
        }
        return sortedValues.length;
    }

    /**
     * PCA by randomized subspace iteration: start from {@code k + oversampling} Gaussian directions,
     * apply the centred covariance {@code q + 1} times with re-orthonormalisation, then solve the small
     * projected eigen-problem (Rayleigh-Ritz) and keep the top {@code k}.
     */
    static Result randomized(FloatMatrix x, int k, int oversampling, int q, long seed, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int l = Math.min(Math.min(d, n - 1), k + oversampling);
        double[][] m = moments(x, parallel);
        double[] mean = m[0];
        double total = m[1][0];
        SplittableRandom rng = Seeds.rng(Seeds.derive(seed, "pca-randomized"));
        double[][] basis = new double[l][d];
        for (double[] col : basis) {
            for (int j = 0; j < d; j++) {
                col[j] = rng.nextGaussian();
            }
        }
        orthonormalise(basis, rng);
        for (int it = 0; it <= q; it++) {
            basis = applyCovariance(x, mean, basis, parallel);
            orthonormalise(basis, rng);
        }
        // Rayleigh-Ritz: eigenpairs of W^T C W give the best approximations within span(W).
        double[][] small = projectedGram(x, mean, basis, parallel);
        for (double[] row : small) {
            for (int j = 0; j < l; j++) {
                row[j] /= (n - 1);
            }
        }
        double[][][] eig = symmetricEigen(small);
        int keep = Math.min(k, l);
        double[][] comps = new double[keep][d];
        double[] vars = new double[keep];
        for (int c = 0; c < keep; c++) {
            double[] e = eig[0][c];
            double[] comp = comps[c];
            for (int t = 0; t < l; t++) {
                double w = e[t];
                double[] b = basis[t];
                for (int j = 0; j < d; j++) {
                    comp[j] += w * b[j];
                }
            }
            signNormalised(comp);
            vars[c] = Math.max(0, eig[1][0][c]);
        }
        return new Result(mean, comps, vars, total, PcaMethod.RANDOMIZED);
    }

    /** {@code X_c^T X_c W} with the centring done algebraically, one pass over the rows. */
    private static double[][] applyCovariance(FloatMatrix x, double[] mean, double[][] basis, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int l = basis.length;
        int lp = Gemm.padded(l);
        float[] w = toPaddedColumns(basis, d, lp);
        float[] shift = meanTimes(mean, basis, lp);
        float[] data = x.data();
        double[] z = parallel.mapReduce(n, chunkSize(n), (s, e) -> {
            // d x lp products followed by lp column sums of the centred Y
            double[] partial = new double[d * lp + lp];
            float[] y = new float[BLOCK * lp];
            float[] acc = new float[d * lp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                Gemm.multiply(data, b * d, d, rows, d, w, lp, y, 0);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < lp; c++) {
                        float v = y[r * lp + c] - shift[c];
                        y[r * lp + c] = v;
                        partial[d * lp + c] += v;
                    }
                }
                Arrays.fill(acc, 0f);
                // X^T Y_c differs from X_c^T Y_c by mean times the column sums of Y_c (about zero),
                // so the raw rows are used here and the exact correction is applied after the reduction.
                Gemm.multiplyTransposed(data, b * d, d, rows, d, y, 0, lp, acc);
                for (int t = 0; t < acc.length; t++) {
                    partial[t] += acc[t];
                }
            }
            return partial;
        }, null, (a, p) -> a == null ? p : add(a, p));
        double[][] next = new double[l][d];
        for (int c = 0; c < l; c++) {
            double colSum = z[d * lp + c];
            for (int j = 0; j < d; j++) {
                next[c][j] = z[j * lp + c] - mean[j] * colSum;
            }
        }
        return next;
    }

    /** {@code (X_c W)^T (X_c W)}, {@code l x l}, blocks in float and chunks in double. */
    private static double[][] projectedGram(FloatMatrix x, double[] mean, double[][] basis, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int l = basis.length;
        int lp = Gemm.padded(l);
        float[] w = toPaddedColumns(basis, d, lp);
        float[] shift = meanTimes(mean, basis, lp);
        float[] data = x.data();
        double[] g = parallel.mapReduce(n, chunkSize(n), (s, e) -> {
            double[] partial = new double[lp * lp];
            float[] y = new float[BLOCK * lp];
            float[] acc = new float[lp * lp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                Gemm.multiply(data, b * d, d, rows, d, w, lp, y, 0);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < lp; c++) {
                        y[r * lp + c] -= shift[c];
                    }
                }
                Arrays.fill(acc, 0f);
                Gemm.multiplyTransposed(y, 0, lp, rows, lp, y, 0, lp, acc);
                for (int t = 0; t < acc.length; t++) {
                    partial[t] += acc[t];
                }
            }
            return partial;
        }, null, (a, p) -> a == null ? p : add(a, p));
        double[][] out = new double[l][l];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                out[i][j] = 0.5 * (g[i * lp + j] + g[j * lp + i]);
            }
        }
        return out;
    }

    /** Basis vectors (each of length d) as the columns of a padded row-major {@code d x lp} float matrix. */
    static float[] toPaddedColumns(double[][] columns, int d, int lp) {
        float[] w = new float[d * lp];
        for (int c = 0; c < columns.length; c++) {
            double[] col = columns[c];
            for (int j = 0; j < d; j++) {
                w[j * lp + c] = (float) col[j];
            }
        }
        return w;
    }

    /** {@code mean . column_c} for every column, padded with zeros. */
    static float[] meanTimes(double[] mean, double[][] columns, int lp) {
        float[] out = new float[lp];
        for (int c = 0; c < columns.length; c++) {
            double s = 0;
            for (int j = 0; j < mean.length; j++) {
                s += mean[j] * columns[c][j];
            }
            out[c] = (float) s;
        }
        return out;
    }

    /**
     * Modified Gram-Schmidt, done twice (enough for orthogonality to working precision); a vector
     * that collapses (the data has lower rank than the basis) is replaced by a fresh random one.
     */
    static void orthonormalise(double[][] vectors, SplittableRandom rng) {
        for (int i = 0; i < vectors.length; i++) {
            double[] v = vectors[i];
            double before = norm(v);
            for (int attempt = 0; ; attempt++) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int p = 0; p < i; p++) {
                        double dot = dot(vectors[p], v);
                        double[] u = vectors[p];
                        for (int j = 0; j < v.length; j++) {
                            v[j] -= dot * u[j];
                        }
                    }
                }
                double after = norm(v);
                if (after > 1e-10 * Math.max(before, Double.MIN_NORMAL) && after > 0) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] /= after;
                    }
                    break;
                }
                if (attempt > 10) {
                    throw new IllegalStateException("cannot build " + vectors.length + " orthonormal vectors in "
                            + v.length + " dimensions");
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] = rng.nextGaussian();
                }
                before = norm(v);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * Rows of {@code x} projected onto {@code components} after subtracting {@code mean}, each output
     * column multiplied by {@code scale[c]}: {@code (x - mean) V^T diag(scale)}.
     */
    static FloatMatrix project(FloatMatrix x, double[] mean, double[][] components, double[] scale,
                               Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int k = components.length;
        int kp = Gemm.padded(k);
        float[] v = toPaddedColumns(components, d, kp);
        float[] shift = meanTimes(mean, components, kp);
        float[] data = x.data();
        float[] out = new float[n * k];
        parallel.forEach(n, chunkSize(n), (s, e) -> {
            float[] y = new float[BLOCK * kp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                Gemm.multiply(data, b * d, d, rows, d, v, kp, y, 0);
                for (int r = 0; r < rows; r++) {
                    int o = (b + r) * k;
                    for (int c = 0; c < k; c++) {
                        out[o + c] = (float) ((y[r * kp + c] - shift[c]) * scale[c]);
                    }
                }
            }
        });
        return FloatMatrix.wrap(n, k, out);
    }

    /** {@code rows diag(scale) V + mean}: back from component scores to the input space. */
    static FloatMatrix reconstruct(FloatMatrix rows, double[] mean, double[][] components, double[] scale) {
        int k = components.length;
        if (rows.cols() != k) {
            throw new IllegalArgumentException("rows have " + rows.cols() + " values, the PCA has " + k
                    + " components");
        }
        int d = mean.length;
        float[] out = new float[rows.rows() * d];
        double[] acc = new double[d];
        for (int i = 0; i < rows.rows(); i++) {
            System.arraycopy(mean, 0, acc, 0, d);
            for (int c = 0; c < k; c++) {
                double w = rows.get(i, c) * scale[c];
                double[] comp = components[c];
                for (int j = 0; j < d; j++) {
                    acc[j] += w * comp[j];
                }
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) acc[j];
            }
        }
        return FloatMatrix.wrap(rows.rows(), d, out);
    }

    /** Lists in JSON-friendly form. */
    static List<Double> asList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
