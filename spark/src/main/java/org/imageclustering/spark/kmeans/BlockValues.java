package org.imageclustering.spark.kmeans;

import java.io.Serializable;

/**
 * Where a block's values come from, on the executor that loads it: a broadcast of the driver's
 * rows, or rows made there (a generator, a file). It must give the same values wherever and
 * however often it runs: Spark loads a lost block again from it.
 */
@FunctionalInterface
interface BlockValues extends Serializable {
    /** The {@code rows x cols} values, row-major, of the data set's rows {@code [firstRow, firstRow + rows)}. */
    float[] load(long firstRow, int rows, int cols);
}
