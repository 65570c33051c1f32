package org.imageclustering.core;

/**
 * The one squared-Euclidean distance kernel of the project: point to point, point block to centre
 * set, nearest centre. Every algorithm calls this class, so making it faster makes all of them faster.
 *
 * <p>Distances are accumulated in {@code double} so that long rows (3,072 CIFAR features) do not
 * lose the small differences that decide a nearest centre.
 */
public final class SquaredEuclidean {
    private SquaredEuclidean() {
    }

    /** Squared distance between {@code a[aOff .. aOff+d)} and {@code b[bOff .. bOff+d)}. */
    public static double distance(float[] a, int aOff, float[] b, int bOff, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = (double) a[aOff + j] - b[bOff + j];
            sum += diff * diff;
        }
        return sum;
    }

    /** Squared distance between row {@code i} of {@code x} and row {@code j} of {@code y}. */
    public static double distance(FloatMatrix x, int i, FloatMatrix y, int j) {
        requireSameWidth(x, y);
        return distance(x.data(), x.offset(i), y.data(), y.offset(j), x.cols());
    }

    /**
     * Distances from rows {@code [start, end)} of {@code x} to every row of {@code y}, written
     * row-major into {@code out[(i - start) * y.rows() + j]}.
     */
    public static void block(FloatMatrix x, int start, int end, FloatMatrix y, double[] out) {
        requireSameWidth(x, y);
        int d = x.cols();
        int m = y.rows();
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = start; i < end; i++) {
            int base = (i - start) * m;
            int xo = i * d;
            for (int j = 0; j < m; j++) {
                out[base + j] = distance(xd, xo, yd, j * d, d);
            }
        }
    }

    /**
     * For rows {@code [start, end)} of {@code x}, the index of the nearest row of {@code centers}
     * (ties to the lowest index) into {@code labels[i]} and its squared distance into
     * {@code nearestDistance[i]}.
     */
    public static void nearest(FloatMatrix x, int start, int end, FloatMatrix centers,
                               int[] labels, double[] nearestDistance) {
        requireSameWidth(x, centers);
        int d = x.cols();
        int k = centers.rows();
        float[] xd = x.data();
        float[] cd = centers.data();
        for (int i = start; i < end; i++) {
            int xo = i * d;
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = distance(xd, xo, cd, c * d, d);
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            labels[i] = best;
            nearestDistance[i] = bestDist;
        }
    }

    private static void requireSameWidth(FloatMatrix x, FloatMatrix y) {
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("rows have " + x.cols() + " features but the other matrix has "
                    + y.cols());
        }
    }
}
