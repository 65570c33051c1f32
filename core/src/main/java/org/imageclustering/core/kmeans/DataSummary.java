package org.imageclustering.core.kmeans;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * What every k-means run on one data matrix needs to know once: the kernel's squared row norms,
 * the mean feature variance (scikit-learn's tolerance scale) and the exact total squared norm.
 * For rows held in blocks elsewhere, {@link #chunkSums} per block and {@link #combine} give the
 * same two numbers (and no row norms).
 *
 * @param rowNorms          the kernel's approximate squared norm of every row
 * @param meanVariance      mean over features of the population variance of the feature
 * @param totalSquaredNorm  sum over rows of the exact squared norm, in double
 */
public record DataSummary(double[] rowNorms, double meanVariance, double totalSquaredNorm) {
    /**
     * Rows per partial sum: the summary of rows held in blocks elsewhere is the same bits when each
     * block starts at a multiple of this and its {@link #chunkSums} are folded in row order.
     */
    public static final int CHUNK = 2048;
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
        double[] shift = shift(data);
        double[] norms = new double[n];
        double[] sums = parallel.mapReduce(n, CHUNK, (s, e) -> sums(data, s, e, shift, norms), new double[2 * d],
                DataSummary::add);
        DataSummary summary = finish(n, d, shift, sums, norms);
        if (summary == null) {
            data.requireFinite("the data");
        }
        return summary;
    }

    /** The shift of the sums: the data set's first row ({@code first}'s row 0), as doubles. */
    public static double[] shift(FloatMatrix first) {
        double[] shift = new double[first.cols()];
        for (int j = 0; j < shift.length && first.rows() > 0; j++) {
            shift[j] = first.get(0, j);
        }
        return shift;
    }

    /**
     * The partial sums of {@code rows} (a block of the data set that starts at a multiple of
     * {@link #CHUNK}), one per chunk of {@value #CHUNK} rows in order, against the data set's
     * {@code shift}: what {@link #of} folds, so that {@link #combine} of every block's gives its bits.
     */
    public static java.util.List<double[]> chunkSums(FloatMatrix rows, double[] shift) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int s = 0; s < rows.rows(); s += CHUNK) {
            out.add(sums(rows, s, Math.min(rows.rows(), s + CHUNK), shift, null));
        }
        return out;
    }

    /**
     * The summary of {@code n} rows of {@code d} features held elsewhere, from the
     * {@link #chunkSums} of all of them in row order (no row norms: the blocks keep theirs).
     *
     * @throws IllegalArgumentException when the data holds a non-finite value
     */
    public static DataSummary combine(int n, int d, double[] shift, java.util.List<double[]> chunkSums) {
        double[] sums = new double[2 * d];
        for (double[] p : chunkSums) {
            add(sums, p);
        }
        DataSummary summary = finish(n, d, shift, sums, null);
        if (summary == null) {
            throw new IllegalArgumentException("the data holds a non-finite value (NaN or infinity)");
        }
        return summary;
    }

    /** Rows {@code [s, e)}: their kernel norms into {@code norms} (unless null), and their shifted sums and sums of squares. */
    private static double[] sums(FloatMatrix data, int s, int e, double[] shift, double[] norms) {
        int d = data.cols();
        float[] x = data.data();
        double[] p = new double[2 * d];
        for (int b = s; b < e; b += BLOCK) {
            int end = Math.min(e, b + BLOCK);
            if (norms != null) {
                SquaredEuclidean.squaredNorms(data, b, end, norms);
            }
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
    }

    /** The summary from the folded sums, or null when they show a non-finite value. */
    private static DataSummary finish(int n, int d, double[] shift, double[] sums, double[] norms) {
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
            return null;
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
