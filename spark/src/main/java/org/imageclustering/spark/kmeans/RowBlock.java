package org.imageclustering.spark.kmeans;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * One partition's rows: block {@code index} of the data set, rows {@code [firstRow, firstRow + rows)}
 * with {@code cols} features. The values travel once, as a broadcast that the executors holding
 * the block fetch (and fetch again after a failure); tasks carry only this small handle.
 */
record RowBlock(int index, long firstRow, int rows, int cols, Broadcast<float[]> values) implements Serializable {

    /** The rows as a matrix: on an executor, the broadcast's own array, not a copy. */
    FloatMatrix matrix() {
        return FloatMatrix.wrap(rows, cols, values.value());
    }
}
