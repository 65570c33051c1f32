package org.imageclustering.spark.kmeans;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * A data set spread over the executors as blocks of consecutive rows, one per partition, each
 * starting at a multiple of {@link #quantum} rows (a power of two, so also of every smaller chunk
 * size). The loaded blocks are cached: Spark then sends each pass's task for a block to the
 * executor that holds it, where the block's k-means state waits.
 */
final class DistributedRows implements AutoCloseable {
    private final Object source;
    private final long rows;
    private final int cols;
    private final int quantum;
    private final List<RowBlock> blocks;
    private final List<Broadcast<?>> broadcasts;
    private final JavaRDD<RowBlock.Loaded> rdd;

    private DistributedRows(JavaSparkContext sc, Object source, long rows, int cols, int quantum, List<RowBlock> blocks,
                            List<Broadcast<?>> broadcasts) {
        this.source = source;
        this.rows = rows;
        this.cols = cols;
        this.quantum = quantum;
        this.blocks = blocks;
        this.broadcasts = broadcasts;
        // One element per slice: parallelize cuts a list of count elements into count slices of one.
        this.rdd = sc.parallelize(blocks, blocks.size()).map(RowBlock::load).persist(StorageLevel.MEMORY_ONLY());
        rdd.count(); // load every block before the first pass
    }

    /**
     * The driver's {@code data} spread over at most {@code partitions} blocks cut at multiples of
     * {@code quantum} rows; each block's values travel once, as a broadcast that only the
     * executors holding it fetch (and fetch again after a failure).
     */
    static DistributedRows of(JavaSparkContext sc, FloatMatrix data, int quantum, int partitions) {
        List<RowBlock> blocks = new ArrayList<>();
        List<Broadcast<?>> broadcasts = new ArrayList<>();
        float[] x = data.data();
        int d = data.cols();
        for (long[] range : ranges(data.rows(), quantum, partitions)) {
            float[] values = java.util.Arrays.copyOfRange(x, (int) range[0] * d, (int) range[1] * d);
            Broadcast<float[]> bc = sc.broadcast(values);
            broadcasts.add(bc);
            blocks.add(new RowBlock(blocks.size(), range[0], (int) (range[1] - range[0]), d,
                    (first, rows, cols) -> bc.value()));
        }
        return new DistributedRows(sc, data, data.rows(), d, quantum, blocks, broadcasts);
    }

    /**
     * {@code rows} rows of {@code cols} features that {@code values} makes on the executors, over
     * at most {@code partitions} blocks cut at multiples of {@code quantum} rows: nothing of them
     * passes through the driver.
     */
    static DistributedRows made(JavaSparkContext sc, Object source, long rows, int cols, BlockValues values,
                                int quantum, int partitions) {
        List<RowBlock> blocks = new ArrayList<>();
        for (long[] range : ranges(rows, quantum, partitions)) {
            blocks.add(new RowBlock(blocks.size(), range[0], (int) (range[1] - range[0]), cols, values));
        }
        return new DistributedRows(sc, source, rows, cols, quantum, blocks, List.of());
    }

    /** Row ranges {@code [from, to)} of at most {@code partitions} blocks cut at multiples of {@code quantum}, as even as that allows. */
    static List<long[]> ranges(long n, int quantum, int partitions) {
        long units = n == 0 ? 0 : (n - 1) / quantum + 1;
        int count = (int) Math.max(1, Math.min(partitions, units));
        if (count * (long) Integer.MAX_VALUE < n) {
            throw new IllegalArgumentException(n + " rows do not fit " + count + " blocks of at most "
                    + Integer.MAX_VALUE + " rows; use more partitions");
        }
        List<long[]> out = new ArrayList<>(count);
        long unit = 0;
        for (int b = 0; b < count; b++) {
            long nextUnit = units * (b + 1) / count;
            out.add(new long[] {unit * quantum, Math.min(n, nextUnit * quantum)});
            unit = nextUnit;
        }
        return out;
    }

    /** Whether these blocks are of {@code other} and cut so that chunks of {@code chunkSize} rows never straddle two. */
    boolean serves(Object other, int chunkSize) {
        return other == source && quantum % chunkSize == 0;
    }

    JavaRDD<RowBlock.Loaded> rdd() {
        return rdd;
    }

    /** The blocks, in row order. */
    List<RowBlock> blocks() {
        return blocks;
    }

    long rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    @Override
    public void close() {
        rdd.unpersist(false);
        for (Broadcast<?> b : broadcasts) {
            b.destroy();
        }
    }
}
