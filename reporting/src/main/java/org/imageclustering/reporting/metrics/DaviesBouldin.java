package org.imageclustering.reporting.metrics;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Davies-Bouldin index: the mean over clusters of the worst ratio
 * {@code (s_i + s_j) / d(m_i, m_j)}, where {@code s_i} is the mean Euclidean distance of cluster
 * i's images to its mean {@code m_i} (Davies and Bouldin 1979). In {@code [0, inf)}, lower is
 * better; NaN unless {@code 2 <= K < n} (K = non-empty clusters); 0 when every cluster is a point
 * or all means coincide (as scikit-learn).
 */
public final class DaviesBouldin implements Metric {
    /** Davies-Bouldin needs no options. */
    public DaviesBouldin() {
    }

    @Override
    public double score(MetricInput input) {
        FloatMatrix x = input.features();
        int n = x.rows();
        int k = input.centroids().rows();
        int[] labels = input.predicted();
        if (Geometry.distinct(labels, k) < 2 || Geometry.distinct(labels, k) >= n) {
            return Double.NaN;
        }
        double[][] allMeans = Geometry.means(x, labels, k);
        long[] allSizes = Geometry.sizes(labels, k);
        float[] data = x.data();
        double[] spreadSum = Geometry.parallel(input).mapReduce(n, Geometry.CHUNK, (start, end) -> {
            double[] s = new double[k];
            for (int i = start; i < end; i++) {
                s[labels[i]] += Math.sqrt(Geometry.squaredToMean(data, x.offset(i), allMeans[labels[i]]));
            }
            return s;
        }, new double[k], (a, b) -> {
            double[] out = a.clone();
            for (int c = 0; c < k; c++) {
                out[c] += b[c];
            }
            return out;
        });
        int m = Geometry.distinct(labels, k);
        double[] spread = new double[m];
        double[][] means = new double[m][];
        int idx = 0;
        for (int c = 0; c < k; c++) {
            if (allSizes[c] > 0) {
                spread[idx] = spreadSum[c] / allSizes[c];
                means[idx] = allMeans[c];
                idx++;
            }
        }
        double[][] dist = new double[m][m];
        boolean allSpreadZero = true;
        boolean allDistZero = true;
        for (int i = 0; i < m; i++) {
            allSpreadZero &= Math.abs(spread[i]) <= 1e-8; // numpy.allclose(x, 0) with its default atol
            for (int j = 0; j < m; j++) {
                dist[i][j] = i == j ? 0 : Math.sqrt(Geometry.squared(means[i], means[j]));
                allDistZero &= Math.abs(dist[i][j]) <= 1e-8;
            }
        }
        if (allSpreadZero || allDistZero) {
            return 0.0;
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            double worst = 0;
            for (int j = 0; j < m; j++) {
                if (dist[i][j] != 0) {
                    worst = Math.max(worst, (spread[i] + spread[j]) / dist[i][j]);
                }
            }
            total += worst;
        }
        return total / m;
    }
}
