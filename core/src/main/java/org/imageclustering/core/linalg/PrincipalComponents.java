package org.imageclustering.core.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;

/**
 * A principal-component decomposition of some rows: their mean, the leading principal directions
 * (unit rows, largest variance first, sign fixed so that the largest-magnitude entry is positive),
 * the variance along each, and the rows' total variance.
 *
 * <p>Fitted either exactly, from the eigen-decomposition of the sample covariance
 * ({@link #byCovariance}), or by randomized subspace iteration ({@link #randomized}), which costs
 * a few passes over the rows instead of a {@code d x d} covariance and its decomposition. Work
 * over rows is split into chunks whose size depends only on the data's shape and whose partial
 * sums are added in chunk order, so every result is bit-identical at any thread count.
 *
 * <p>Reference: N. Halko, P.-G. Martinsson and J. A. Tropp, Finding structure with randomness:
 * probabilistic algorithms for constructing approximate matrix decompositions, SIAM Review 53 (2011).
 *
 * @param mean           the fitted rows' column means
 * @param components     {@code components[c]} is the c-th principal direction, a unit vector
 * @param variances      the sample variance (divided by n - 1) along each component
 * @param totalVariance  the sum of the per-column sample variances of the fitted rows
 */
public record PrincipalComponents(double[] mean, double[][] components, double[] variances, double totalVariance) {
    /** Rows per float block inside a chunk; float partial sums never span more rows than this. */
    static final int BLOCK = 256;
    /** At most this many chunks of rows, so per-chunk d x d partials stay bounded in memory. */
    private static final int MAX_CHUNKS = 8;
    private static final int MIN_CHUNK = 2048;

    /** Checks that the parts agree in shape. */
    public PrincipalComponents {
        if (variances.length != components.length) {
            throw new IllegalArgumentException(components.length + " components but " + variances.length
                    + " variances");
        }
        for (double[] c : components) {
            if (c.length != mean.length) {
                throw new IllegalArgumentException("a component has " + c.length + " entries, the mean has "
                        + mean.length);
            }
        }
    }

    /** Rows per chunk of parallel work for {@code n} rows: a function of {@code n} only. */
    static int chunkSize(int n) {
        return Math.max(MIN_CHUNK, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
    }

    /** The number of kept components. */
    public int count() {
        return components.length;
    }

    /** The fraction of the total variance each kept component explains (0 when the rows are constant). */
    public double[] explainedVarianceRatio() {
        double[] out = new double[variances.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = totalVariance > 0 ? variances[c] / totalVariance : 0;
        }
        return out;
    }

    /** The fraction of the total variance the kept components explain together (1 when the rows are constant). */
    public double explainedRatio() {
        double kept = 0;
        for (double v : variances) {
            kept += v;
        }
        return totalVariance > 0 ? kept / totalVariance : 1.0;
    }

    /** The sample covariance ({@code d x d}, divided by n - 1) of the rows of {@code x} around {@code mean}. */
    public static double[][] covariance(FloatMatrix x, double[] mean, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int dp = Gemm.paddedDoubles(d);
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

    static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /**
     * The exact principal components of the rows of {@code x}, from the eigen-decomposition of their
     * sample covariance: the leading {@code components} of them, or, when {@code components} is 0,
     * the fewest whose variances add up to {@code varianceFraction} of the total.
     */
    public static PrincipalComponents byCovariance(FloatMatrix x, int components, double varianceFraction,
                                                   Parallelism parallel) {
        requireShape(x, components, Math.min(x.cols(), Math.max(x.rows() - 1, 0)));
        if (components == 0 && !(varianceFraction > 0 && varianceFraction <= 1)) {
            throw new IllegalArgumentException("varianceFraction = " + varianceFraction + " must be in (0, 1] "
                    + "when no component count is given");
        }
        ColumnMoments m = ColumnMoments.of(x, parallel);
        double[] mean = m.mean();
        double total = m.totalVariance();
        SymmetricEigen.Result eig = SymmetricEigen.decompose(covariance(x, mean, parallel));
        double[] values = eig.values();
        int keep = components > 0 ? components : componentsFor(values, total, varianceFraction);
        double[][] comps = Arrays.copyOf(eig.vectors(), keep);
        double[] vars = new double[keep];
        for (int i = 0; i < keep; i++) {
            vars[i] = Math.max(0, values[i]);
        }
        return new PrincipalComponents(mean, comps, vars, total);
    }

    private static void requireShape(FloatMatrix x, int components, int most) {
        if (x.rows() < 2) {
            throw new IllegalArgumentException("principal components need at least 2 rows, got " + x.rows());
        }
        if (components < 0 || components > most) {
            throw new IllegalArgumentException("components = " + components + " must be in [0, " + most
                    + "] (at most min(features, rows - 1)) for " + x.rows() + " x " + x.cols() + " rows");
        }
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
     * The leading {@code components} principal components of the rows of {@code x} by randomized
     * subspace iteration: start from {@code components + oversampling} Gaussian directions (drawn
     * from {@code seed}), apply the centred covariance {@code powerIterations + 1} times with
     * re-orthonormalisation, then solve the small projected eigen-problem (Rayleigh-Ritz).
     */
    public static PrincipalComponents randomized(FloatMatrix x, int components, int oversampling,
                                                 int powerIterations, long seed, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        requireShape(x, components, Math.min(d, Math.max(n - 1, 0)));
        if (components == 0 || oversampling < 0 || powerIterations < 0) {
            throw new IllegalArgumentException("randomized principal components need components >= 1, "
                    + "oversampling >= 0 and powerIterations >= 0; got " + components + ", " + oversampling
                    + ", " + powerIterations);
        }
        int k = components;
        int l = Math.min(Math.min(d, n - 1), k + oversampling);
        ColumnMoments m = ColumnMoments.of(x, parallel);
        double[] mean = m.mean();
        double total = m.totalVariance();
        SplittableRandom rng = Seeds.rng(Seeds.derive(seed, "pca-randomized"));
        double[][] basis = new double[l][d];
        for (double[] col : basis) {
            for (int j = 0; j < d; j++) {
                col[j] = rng.nextGaussian();
            }
        }
        orthonormalise(basis, rng);
        for (int it = 0; it <= powerIterations; it++) {
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
        SymmetricEigen.Result eig = SymmetricEigen.decompose(small);
        int keep = Math.min(k, l);
        double[][] comps = new double[keep][d];
        double[] vars = new double[keep];
        for (int c = 0; c < keep; c++) {
            double[] e = eig.vectors()[c];
            double[] comp = comps[c];
            for (int t = 0; t < l; t++) {
                double w = e[t];
                double[] b = basis[t];
                for (int j = 0; j < d; j++) {
                    comp[j] += w * b[j];
                }
            }
            SymmetricEigen.signNormalised(comp);
            vars[c] = Math.max(0, eig.values()[c]);
        }
        return new PrincipalComponents(mean, comps, vars, total);
    }

    /** {@code X_c^T X_c W} with the centring done algebraically, one pass over the rows. */
    private static double[][] applyCovariance(FloatMatrix x, double[] mean, double[][] basis, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        int l = basis.length;
        CentredScores scores = CentredScores.of(basis, mean);
        int lp = scores.lp();
        float[] data = x.data();
        double[] z = parallel.mapReduce(n, chunkSize(n), (s, e) -> {
            // d x lp products followed by lp column sums of the centred Y
            double[] partial = new double[d * lp + lp];
            float[] y = new float[BLOCK * lp];
            float[] acc = new float[d * lp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                scores.block(data, b, rows, d, y);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < lp; c++) {
                        partial[d * lp + c] += y[r * lp + c];
                    }
                }
                Arrays.fill(acc, 0f);
                // X^T Y_c differs from X_c^T Y_c by mean times the column sums of Y_c (about zero),
                // so the raw rows are used here and the exact correction is applied after the reduction.
                Gemm.multiplyTransposed(data, b * d, d, rows, d, y, 0, lp, acc);
                addTo(partial, acc);
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
        CentredScores scores = CentredScores.of(basis, mean);
        int lp = scores.lp();
        float[] data = x.data();
        double[] g = parallel.mapReduce(n, chunkSize(n), (s, e) -> {
            double[] partial = new double[lp * lp];
            float[] y = new float[BLOCK * lp];
            float[] acc = new float[lp * lp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                scores.block(data, b, rows, d, y);
                Arrays.fill(acc, 0f);
                Gemm.multiplyTransposed(y, 0, lp, rows, lp, y, 0, lp, acc);
                addTo(partial, acc);
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

    /**
     * Directions as the zero-padded columns of a float matrix, with the mean's coordinate along each:
     * what the SIMD kernel needs to turn a block of rows into centred coordinates {@code (x - mean) W}.
     */
    private record CentredScores(int lp, float[] columns, float[] shift) {
        static CentredScores of(double[][] directions, double[] mean) {
            int lp = Gemm.padded(directions.length);
            return new CentredScores(lp, toPaddedColumns(directions, mean.length, lp),
                    meanTimes(mean, directions, lp));
        }

        /** Rows {@code [b, b + rows)} of {@code data} ({@code d} wide) as centred coordinates, into {@code y}. */
        void block(float[] data, int b, int rows, int d, float[] y) {
            Gemm.multiply(data, b * d, d, rows, d, columns, lp, y, 0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < lp; c++) {
                    y[r * lp + c] -= shift[c];
                }
            }
        }
    }

    private static void addTo(double[] partial, float[] acc) {
        for (int t = 0; t < acc.length; t++) {
            partial[t] += acc[t];
        }
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


    /** The scores of the rows of {@code x}: {@code (x - mean) V^T}, one column per component. */
    public FloatMatrix project(FloatMatrix x, Parallelism parallel) {
        double[] ones = new double[components.length];
        Arrays.fill(ones, 1);
        return project(x, ones, parallel);
    }

    /**
     * The scaled scores of the rows of {@code x}: {@code (x - mean) V^T diag(scale)}, computed in
     * float by the SIMD kernel (whitening passes {@code scale[c] = 1 / sd_c}).
     */
    public FloatMatrix project(FloatMatrix x, double[] scale, Parallelism parallel) {
        requireFeatures(x);
        requireScale(scale);
        int n = x.rows();
        int d = x.cols();
        int k = components.length;
        CentredScores scores = CentredScores.of(components, mean);
        int kp = scores.lp();
        float[] data = x.data();
        float[] out = new float[n * k];
        parallel.forEach(n, chunkSize(n), (s, e) -> {
            float[] y = new float[BLOCK * kp];
            for (int b = s; b < e; b += BLOCK) {
                int rows = Math.min(BLOCK, e - b);
                scores.block(data, b, rows, d, y);
                for (int r = 0; r < rows; r++) {
                    int o = (b + r) * k;
                    for (int c = 0; c < k; c++) {
                        out[o + c] = (float) (y[r * kp + c] * scale[c]);
                    }
                }
            }
        });
        return FloatMatrix.wrap(n, k, out);
    }

    /** The rows in the input space whose scores are {@code scores}: {@code scores V + mean}. */
    public FloatMatrix reconstruct(FloatMatrix scores) {
        double[] ones = new double[components.length];
        Arrays.fill(ones, 1);
        return reconstruct(scores, ones);
    }

    /**
     * The rows in the input space whose scaled scores are {@code scores}: {@code scores diag(scale) V
     * + mean}, the inverse of {@link #project(FloatMatrix, double[], Parallelism)} with
     * {@code 1 / scale} within the span of the components.
     */
    public FloatMatrix reconstruct(FloatMatrix scores, double[] scale) {
        int k = components.length;
        if (scores.cols() != k) {
            throw new IllegalArgumentException("rows have " + scores.cols() + " values, the PCA has " + k
                    + " components");
        }
        requireScale(scale);
        int d = mean.length;
        float[] out = new float[scores.rows() * d];
        double[] acc = new double[d];
        for (int i = 0; i < scores.rows(); i++) {
            System.arraycopy(mean, 0, acc, 0, d);
            for (int c = 0; c < k; c++) {
                double w = scores.get(i, c) * scale[c];
                double[] comp = components[c];
                for (int j = 0; j < d; j++) {
                    acc[j] += w * comp[j];
                }
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) acc[j];
            }
        }
        return FloatMatrix.wrap(scores.rows(), d, out);
    }

    private void requireFeatures(FloatMatrix x) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("the components were fitted on rows of " + mean.length
                    + " features, got " + x.cols());
        }
    }

    private void requireScale(double[] scale) {
        if (scale.length != components.length) {
            throw new IllegalArgumentException(scale.length + " scales for " + components.length + " components");
        }
    }
}
