package org.imageclustering.reporting.metrics;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.reporting.MetricInput;

/** Shared pieces of the internal metrics: cluster means in double precision and a worker pool. */
final class Geometry {
    /** Rows per parallel chunk; fixed so that sums do not depend on the thread count. */
    static final int CHUNK = 256;

    private Geometry() {
    }

    /** The input's pool, or a caller-thread one (which owns no threads, so need not be closed). */
    static Parallelism parallel(MetricInput input) {
        return input.parallel() != null ? input.parallel() : Parallelism.sequential();
    }

    /** Number of distinct labels in {@code labels}, all of which are in {@code [0, k)}. */
    static int distinct(int[] labels, int k) {
        boolean[] seen = new boolean[k];
        int count = 0;
        for (int l : labels) {
            if (!seen[l]) {
                seen[l] = true;
                count++;
            }
        }
        return count;
    }

    /** Rows per label. */
    static long[] sizes(int[] labels, int k) {
        long[] sizes = new long[k];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }

    /**
     * Mean of each label's rows in double precision (the metrics' definitions use the clusters'
     * own means, which for a float matrix are not representable as floats without error).
     */
    static double[][] means(FloatMatrix x, int[] labels, int k) {
        int d = x.cols();
        double[][] sum = new double[k][d];
        long[] sizes = sizes(labels, k);
        float[] data = x.data();
        for (int i = 0; i < labels.length; i++) {
            double[] s = sum[labels[i]];
            int off = x.offset(i);
            for (int j = 0; j < d; j++) {
                s[j] += data[off + j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < d; j++) {
                    sum[c][j] /= sizes[c];
                }
            }
        }
        return sum;
    }

    /**
     * Squared distance from a float row to a double-precision point. Not the project's float kernel
     * ({@code SquaredEuclidean}): these centres are exact means, kept in double so that
     * Calinski-Harabasz and Davies-Bouldin match their definitions to rounding.
     */
    static double squaredToMean(float[] data, int off, double[] mean) {
        double s = 0;
        for (int j = 0; j < mean.length; j++) {
            double diff = data[off + j] - mean[j];
            s += diff * diff;
        }
        return s;
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
