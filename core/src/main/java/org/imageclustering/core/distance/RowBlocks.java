package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.BLOCK_ROWS;
import static org.imageclustering.core.distance.KernelLayout.ROW_LANE_STEP;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * The rows of a matrix copied into blocks of one row per SIMD lane, feature-major ({@code
 * [block][feature][row]}, zero rows padding the last step), for the row-lane kernel: one SIMD lane
 * per row, so no lane idles when there are fewer centres than lanes. Build it once per matrix (a
 * second copy of the data); it is immutable and shared by all worker threads.
 */
public final class RowBlocks {
    final float[] data;
    /** The data array copied: the kernel takes these blocks for that array only. */
    final float[] source;

    private RowBlocks(float[] data, float[] source) {
        this.data = data;
        this.source = source;
    }

    /** The bytes a copy of {@code x} takes: its rows padded to a whole row-lane step. */
    public static long bytes(FloatMatrix x) {
        long rows = ((long) x.rows() + ROW_LANE_STEP - 1) / ROW_LANE_STEP * ROW_LANE_STEP;
        return 4L * rows * x.cols();
    }

    /** Copies the rows of {@code x}; fails when the copy exceeds one Java array. */
    public static RowBlocks of(FloatMatrix x, Parallelism parallel) {
        int n = x.rows();
        int d = x.cols();
        long floats = bytes(x) / 4;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a row-block copy of " + n + " x " + d + " exceeds one Java array");
        }
        float[] out = new float[(int) floats];
        float[] xd = x.data();
        int blocks = (int) (floats / ((long) d * BLOCK_ROWS));
        parallel.forEach(blocks, 64, (s, e) -> {
            for (int b = s; b < e; b++) {
                for (int r = 0; r < BLOCK_ROWS && b * BLOCK_ROWS + r < n; r++) {
                    int from = (b * BLOCK_ROWS + r) * d;
                    int to = b * d * BLOCK_ROWS + r;
                    for (int j = 0; j < d; j++) {
                        out[to + j * BLOCK_ROWS] = xd[from + j];
                    }
                }
            }
        });
        return new RowBlocks(out, xd);
    }

    /** Fails unless these blocks were copied from the data of {@code x}. */
    void requireCopyOf(FloatMatrix x) {
        if (source != x.data()) {
            throw new IllegalArgumentException("row blocks made from another matrix than the " + x.rows() + " x "
                    + x.cols() + " one given");
        }
    }
}
