package org.imageclustering.core.kmeans;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * Unit-length rows for spherical k-means (Dhillon and Modha 2001). On the unit sphere
 * {@code ||x - c||^2 = 2 - 2 cos(x, c)} for a unit centre {@code c}, so the exact squared-Euclidean
 * argmin of the kernel (and the triangle-inequality bounds of Hamerly and Elkan, which hold in
 * Euclidean space) picks the centre of largest cosine, and k-means++ weighted by squared Euclidean
 * distance on unit rows is weighted by {@code 2 x} the cosine distance {@code 1 - cos}.
 *
 * <p>Every row is divided by its norm in double (summed in feature order) and rounded to float
 * once, so a row's unit form is the same bits whatever else is in the matrix.
 */
final class UnitRows {
    private static final int CHUNK = 2048;

    private UnitRows() {
    }

    /**
     * A copy of {@code m} with every row scaled to unit length.
     *
     * @param what the matrix's name in messages ("the data", "the starting centroids")
     * @throws IllegalArgumentException naming the first row that is all zeros (it has no direction)
     *                                  or the first non-finite value
     */
    static FloatMatrix of(FloatMatrix m, String what, Parallelism parallel) {
        int n = m.rows();
        int d = m.cols();
        float[] x = m.data();
        double[] norms = new double[n];
        parallel.forEach(n, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                norms[i] = norm(x, i * d, d);
            }
        });
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(norms[i])) {
                m.requireFinite(what);
            }
            if (norms[i] == 0) {
                throw new IllegalArgumentException(what + " has a row of zeros at row " + i
                        + ": spherical k-means clusters by direction and a zero row has none;"
                        + " drop the row or turn spherical off");
            }
        }
        float[] unit = new float[n * d];
        parallel.forEach(n, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                divide(x, i * d, d, norms[i], unit);
            }
        });
        return FloatMatrix.wrap(n, d, unit);
    }

    /** The Euclidean norm of {@code x[o .. o+d)}, summed in double in feature order. */
    static double norm(float[] x, int o, int d) {
        double sq = 0;
        for (int j = 0; j < d; j++) {
            sq += (double) x[o + j] * x[o + j];
        }
        return Math.sqrt(sq);
    }

    private static void divide(float[] x, int o, int d, double norm, float[] out) {
        for (int j = 0; j < d; j++) {
            out[o + j] = (float) (x[o + j] / norm);
        }
    }
}
