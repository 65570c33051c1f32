package org.imageclustering.core.kmeans;

import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;

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

    /** Two deterministic passes (column means, then centred squares), parallel over fixed chunks. */
    static DataSummary of(FloatMatrix data, Parallelism parallel) {
        int n = data.rows();
        int d = data.cols();
        float[] x = data.data();
        double[] mean = parallel.mapReduce(n, CHUNK, (s, e) -> {
            double[] p = new double[d];
            for (int i = s; i < e; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    p[j] += x[o + j];
                }
            }
            return p;
        }, new double[d], DataSummary::add);
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] centred = parallel.mapReduce(n, CHUNK, (s, e) -> {
            double[] p = new double[d];
            for (int i = s; i < e; i++) {
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    double v = x[o + j] - mean[j];
                    p[j] += v * v;
                }
            }
            return p;
        }, new double[d], DataSummary::add);
        double variance = 0;
        double total = 0;
        for (int j = 0; j < d; j++) {
            variance += centred[j] / n;
            total += centred[j] + n * mean[j] * mean[j];
        }
        return new DataSummary(SquaredEuclidean.squaredNorms(data, parallel), variance / d, total);
    }

    private static double[] add(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            a[j] += b[j];
        }
        return a;
    }
}
