package org.imageclustering.features;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/** Row-by-row mapping of a matrix over fixed chunks, for transforms that treat each image alone. */
final class Rows {
    /** Rows per chunk; fixed so the work split never depends on the thread count. */
    static final int CHUNK = 512;

    /** Maps one input row (at {@code in[inOff ..]}) to one output row (at {@code out[outOff ..]}). */
    @FunctionalInterface
    interface RowMap {
        void map(float[] in, int inOff, float[] out, int outOff);
    }

    /** Builds per-chunk scratch state, so row maps that need buffers allocate them once per chunk. */
    @FunctionalInterface
    interface RowMapFactory {
        RowMap create();
    }

    private Rows() {
    }

    static FloatMatrix map(FloatMatrix x, int outCols, Parallelism parallel, RowMapFactory factory) {
        int n = x.rows();
        int d = x.cols();
        float[] in = x.data();
        float[] out = new float[Math.multiplyExact(n, outCols)];
        parallel.forEach(n, CHUNK, (s, e) -> {
            RowMap f = factory.create();
            for (int i = s; i < e; i++) {
                f.map(in, i * d, out, i * outCols);
            }
        });
        return FloatMatrix.wrap(n, outCols, out);
    }

    /** The image shape of {@code data}, or a clear failure naming the transform that needs it. */
    static ImageShape requireShape(Dataset data, String transform) {
        return data.imageShape().orElseThrow(() -> new IllegalArgumentException(transform + " needs image rows, but "
                + data.name() + " has no image shape (put " + transform + " before transforms that leave pixel space)"));
    }

    /** Fails when {@code data}'s rows do not have the width the transform was fitted on. */
    static void requireWidth(Dataset data, int expected, String transform) {
        if (data.features().cols() != expected) {
            throw new IllegalArgumentException(transform + " was fitted on rows of " + expected + " values, but "
                    + data.name() + " has " + data.features().cols());
        }
    }

    /** Fails when {@code data}'s image shape differs from the one the transform was fitted on. */
    static void requireShape(Dataset data, ImageShape expected, String transform) {
        ImageShape s = requireShape(data, transform);
        if (!s.equals(expected)) {
            throw new IllegalArgumentException(transform + " was fitted on " + expected + " images, but "
                    + data.name() + " has " + s + " images");
        }
    }
}
