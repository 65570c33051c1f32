package org.imageclustering.spark.kmeans;

import java.io.Serializable;

/**
 * Makes row {@code i} of a data set where it is needed, on an executor: the same values for the
 * same {@code i} wherever and however often it runs (seed it from {@code i}, never from the
 * partition or the order of calls).
 */
@FunctionalInterface
public interface RowGenerator extends Serializable {
    /** Writes row {@code i}'s {@code out.length} features into {@code out}. */
    void row(long i, float[] out);
}
