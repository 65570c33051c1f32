package org.imageclustering.core.matrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense row-major matrix of {@code float}s: one row per image (or centroid), one column per feature.
 *
 * <p>Rows live in one flat array so that the distance kernel can stream them with SIMD loads and
 * so that a 60,000 x 3,072 dataset is one allocation, not 60,000. The matrix is treated as
 * immutable: {@link #data()} exposes the backing array for the hot loops of this project, and
 * callers must not write to it. Anything that builds a new matrix copies or owns its array.
 *
 * <p>The element count is limited to {@link Integer#MAX_VALUE} (a Java array); full CIFAR-10 is
 * 184 million floats, well inside.
 */
public final class FloatMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private FloatMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Wraps {@code data} (not copied) as a {@code rows x cols} matrix.
     *
     * @throws IllegalArgumentException if the sizes are negative or do not match the array length
     */
    public static FloatMatrix wrap(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix sizes must be >= 0, were " + rows + " x " + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs "
                    + ((long) rows * cols) + " values, the array has " + data.length);
        }
        return new FloatMatrix(rows, cols, data);
    }

    /** A zero matrix, checking that it fits in one Java array. */
    public static FloatMatrix zeros(int rows, int cols) {
        long size = (long) rows * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot allocate a " + rows + " x " + cols
                    + " float matrix (at most " + (Integer.MAX_VALUE - 8) + " values)");
        }
        return new FloatMatrix(rows, cols, new float[(int) size]);
    }

    /** Copies a rectangular {@code float[][]} into a new matrix. */
    public static FloatMatrix of(float[][] rowArrays) {
        int r = rowArrays.length;
        int c = r == 0 ? 0 : rowArrays[0].length;
        float[] flat = new float[Math.multiplyExact(r, c)];
        for (int i = 0; i < r; i++) {
            if (rowArrays[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowArrays[i].length
                        + " values, row 0 has " + c);
            }
            System.arraycopy(rowArrays[i], 0, flat, i * c, c);
        }
        return new FloatMatrix(r, c, flat);
    }

    /** Copies a rectangular {@code double[][]} into a new matrix, rounding to float. */
    public static FloatMatrix of(double[][] rowArrays) {
        int r = rowArrays.length;
        int c = r == 0 ? 0 : rowArrays[0].length;
        float[] flat = new float[Math.multiplyExact(r, c)];
        for (int i = 0; i < r; i++) {
            if (rowArrays[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowArrays[i].length
                        + " values, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                flat[i * c + j] = (float) rowArrays[i][j];
            }
        }
        return new FloatMatrix(r, c, flat);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing row-major array; read it, never write it. */
    public float[] data() {
        return data;
    }

    /** Index in {@link #data()} of the first value of row {@code i}. */
    public int offset(int i) {
        return i * cols;
    }

    public float get(int i, int j) {
        return data[i * cols + j];
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        Objects.checkIndex(i, rows);
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** A copy of rows {@code [from, to)}. */
    public FloatMatrix rowRange(int from, int to) {
        if (from < 0 || from > to || to > rows) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within [0, " + rows + ")");
        }
        return wrap(to - from, cols, java.util.Arrays.copyOfRange(data, from * cols, to * cols));
    }

    /** A copy of the rows {@code indices}, in that order. */
    public FloatMatrix selectRows(int[] indices) {
        float[] out = new float[Math.multiplyExact(indices.length, cols)];
        for (int r = 0; r < indices.length; r++) {
            Objects.checkIndex(indices[r], rows);
            System.arraycopy(data, indices[r] * cols, out, r * cols, cols);
        }
        return new FloatMatrix(indices.length, cols, out);
    }

    /** A copy as {@code double[][]}, for small matrices handed to Commons Math or tests. */
    public double[][] toDoubleArrays() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = data[i * cols + j];
            }
        }
        return out;
    }

    /**
     * Fails with the row and column of the first NaN or infinite value, so that bad data is named
     * before any work starts.
     */
    public void requireFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(what + " has a non-finite value " + data[i]
                        + " at row " + (i / cols) + ", column " + (i % cols));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + " x " + cols + "]";
    }
}
