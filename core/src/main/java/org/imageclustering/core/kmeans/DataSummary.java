package org.imageclustering.core.kmeans;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * What every k-means run on one data matrix needs to know once: the kernel's squared row norms,
 * the mean feature variance (scikit-learn's tolerance scale) and the exact total squared norm.
 *
 * @param rowNorms          the kernel's approximate squared norm of every row
 * @param meanVariance      mean over features of the population variance of the feature
 * @param totalSquaredNorm  sum over rows of the exact squared norm, in double
 */
record DataSummary(double[] rowNorms, double meanVariance, double totalSquaredNorm) {
    private static final int CHUNK = 2048;
    /** Rows handled together: their norms and their share of the sums come from one cache-resident block. */
    private static final int BLOCK = 16;

    /**
     * One deterministic pass over the data, parallel over fixed chunks, that also checks it: per
     * block of rows, the kernel's row norms, then per feature the sum and the sum of squares of the
     * values shifted by the first row (the shift keeps the variance free of cancellation when a
     * feature's mean is large against its spread).
     *
     * @throws IllegalArgumentException naming the row and column of the first non-finite value
     */
    static DataSummary of(FloatMatrix data, Parallelism parallel) {
        int n = data.rows();
        int d = data.cols();
        float[] x = data.data();
        double[] shift = new double[d];
        for (int j = 0; j < d && n > 0; j++) {
            shift[j] = x[j];
        }
        double[] norms = new double[n];
        double[] sums = parallel.mapReduce(n, CHUNK, (s, e) -> {
            double[] p = new double[2 * d];
            for (int b = s; b < e; b += BLOCK) {
                int end = Math.min(e, b + BLOCK);
                SquaredEuclidean.squaredNorms(data, b, end, norms);
                // feature-major inside the block: one load and store of the sums per feature and block
                for (int j = 0; j < d; j++) {
                    double s1 = 0;
                    double s2 = 0;
                    for (int o = b * d + j, last = end * d; o < last; o += d) {
                        double y = x[o] - shift[j];
                        s1 += y;
                        s2 += y * y;
                    }
                    p[j] += s1;
                    p[d + j] += s2;
                }
            }
            return p;
        }, new double[2 * d], DataSummary::add);
        double variance = 0;
        double total = 0;
        for (int j = 0; j < d; j++) {
            double s1 = sums[j];
            double s2 = sums[d + j];
            variance += Math.max(0, (s2 - s1 * s1 / n) / n);
            total += n * shift[j] * shift[j] + 2 * shift[j] * s1 + s2;
        }
        // Squares of floats cannot overflow a double sum, so a non-finite total means a non-finite value.
        if (!Double.isFinite(total) || !Double.isFinite(variance)) {
            data.requireFinite("the data");
        }
        return new DataSummary(norms, variance / d, total);
    }

    private static double[] add(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            a[j] += b[j];
        }
        return a;
    }
}
