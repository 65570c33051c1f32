package org.imageclustering.spark.kmeans;

import java.io.Serializable;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * One partition's rows: block {@code index} of the data set, rows {@code [firstRow, firstRow + rows)}
 * with {@code cols} features. The handle is what Spark ships; the cached partition holds the
 * block {@link #load loaded} on its executor. {@code values} is null for blocks gathered from rows
 * already on the executors (they are rebuilt from their lineage, never loaded).
 */
record RowBlock(int index, long firstRow, int rows, int cols, BlockValues values) implements Serializable {

    /** The rows, loaded where this runs. */
    Loaded load() {
        float[] x = values.load(firstRow, rows, cols);
        if (x.length != (long) rows * cols) {
            throw new IllegalStateException("block " + index + " loaded " + x.length + " values, expected " + rows
                    + " x " + cols);
        }
        return new Loaded(this, FloatMatrix.wrap(rows, cols, x));
    }

    /**
     * A block with its rows, as the cache keeps it on the executor (never serialised: the cache
     * stores the object itself, and a lost one is loaded again from its handle).
     */
    record Loaded(RowBlock block, FloatMatrix matrix) {
        int index() {
            return block.index();
        }

        long firstRow() {
            return block.firstRow();
        }
    }
}
