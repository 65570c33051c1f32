package org.imageclustering.reporting.metrics;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Calinski-Harabasz index (variance ratio criterion): between-cluster dispersion over
 * within-cluster dispersion, each divided by its degrees of freedom,
 * {@code [B / (K - 1)] / [W / (n - K)]} (Calinski and Harabasz 1974), with K the number of
 * non-empty clusters and dispersions about the clusters' own means. In {@code [0, inf)}, higher is
 * better; NaN unless {@code 2 <= K < n}; 1 when W is 0 (as scikit-learn).
 */
public final class CalinskiHarabasz implements Metric {
    /** Calinski-Harabasz needs no options. */
    public CalinskiHarabasz() {
    }

    @Override
    public double score(MetricInput input) {
        FloatMatrix x = input.features();
        int n = x.rows();
        int k = input.centroids().rows();
        int[] labels = input.predicted();
        int present = Geometry.distinct(labels, k);
        if (present < 2 || present >= n) {
            return Double.NaN;
        }
        double[][] means = Geometry.means(x, labels, k);
        long[] sizes = Geometry.sizes(labels, k);
        double[] overall = new double[x.cols()];
        float[] data = x.data();
        for (int i = 0; i < n; i++) {
            int off = x.offset(i);
            for (int j = 0; j < overall.length; j++) {
                overall[j] += data[off + j];
            }
        }
        for (int j = 0; j < overall.length; j++) {
            overall[j] /= n;
        }
        double between = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                between += sizes[c] * Geometry.squared(means[c], overall);
            }
        }
        double within = Geometry.parallel(input).mapReduce(n, Geometry.CHUNK, (start, end) -> {
            double s = 0;
            for (int i = start; i < end; i++) {
                s += Geometry.squaredToMean(data, x.offset(i), means[labels[i]]);
            }
            return s;
        }, 0.0, Double::sum);
        return within == 0 ? 1.0 : between * (n - present) / (within * (present - 1.0));
    }
}
