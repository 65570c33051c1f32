package org.imageclustering.core.linalg;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * The first two moments of each column of some rows: the column means and the sums of squared
 * deviations from them, accumulated in double over fixed chunks of rows added in chunk order (so
 * identical at any thread count).
 *
 * @param rows                the number of rows summarised
 * @param mean                the mean of each column
 * @param squaredDeviations   {@code sum_i (x_ij - mean_j)^2} for each column j
 */
public record ColumnMoments(int rows, double[] mean, double[] squaredDeviations) {
    /** Checks that the parts agree in shape. */
    public ColumnMoments {
        if (mean.length != squaredDeviations.length) {
            throw new IllegalArgumentException(mean.length + " means but " + squaredDeviations.length
                    + " squared deviations");
        }
    }

    /** The moments of the columns of {@code x}, by two passes over its rows. */
    public static ColumnMoments of(FloatMatrix x, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        float[] data = x.data();
        int chunk = PrincipalComponents.chunkSize(n);
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
        return new ColumnMoments(n, mean, sq);
    }

    /** The population variance (divided by n) of each column. */
    public double[] populationVariances() {
        double[] out = new double[squaredDeviations.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = squaredDeviations[j] / rows;
        }
        return out;
    }

    /** The total variance: the sum over columns of the sample variances (divided by n - 1). */
    public double totalVariance() {
        double total = 0;
        for (double v : squaredDeviations) {
            total += v;
        }
        return total / (rows - 1);
    }
}
