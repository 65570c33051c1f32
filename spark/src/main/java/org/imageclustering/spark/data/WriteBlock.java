package org.imageclustering.spark.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition of a conversion: rows {@code [firstId, firstId + rows)} of one split. The values
 * travel as a broadcast that the executor writing the block fetches; the task carries this handle
 * and the block's labels ({@code null} for an unlabelled split).
 */
record WriteBlock(String split, long firstId, int rows, int cols, int[] labels, Broadcast<float[]> values)
        implements Serializable {

    /** The block's rows, each made as it is written. */
    Iterator<ParquetRow> parquetRows() {
        float[] v = values.value();
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public ParquetRow next() {
                if (i >= rows) {
                    throw new NoSuchElementException();
                }
                ParquetRow r = new ParquetRow(firstId + i, labels == null ? null : labels[i], split,
                        Arrays.copyOfRange(v, i * cols, (i + 1) * cols));
                i++;
                return r;
            }
        };
    }
}
