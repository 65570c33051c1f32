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
 * A data matrix of the driver spread over the executors as blocks of consecutive rows, one per
 * partition, each starting at a multiple of {@link #quantum} rows (a power of two, so also of
 * every smaller chunk size). The RDD of blocks is cached: Spark then sends each pass's task for a
 * block to the executor that holds it, where the block's k-means state waits.
 */
final class DistributedRows implements AutoCloseable {
    private final FloatMatrix data;
    private final int quantum;
    private final List<RowBlock> blocks;
    private final JavaRDD<RowBlock> rdd;

    /**
     * Spreads {@code data} over at most {@code partitions} blocks cut at multiples of
     * {@code quantum} rows, as even in rows as that allows.
     */
    DistributedRows(JavaSparkContext sc, FloatMatrix data, int quantum, int partitions) {
        this.data = data;
        this.quantum = quantum;
        int n = data.rows();
        int d = data.cols();
        int units = Parallelism.chunkCount(n, quantum);
        int count = Math.max(1, Math.min(partitions, units));
        this.blocks = new ArrayList<>(count);
        float[] x = data.data();
        int unit = 0;
        for (int b = 0; b < count; b++) {
            int nextUnit = (int) ((long) units * (b + 1) / count);
            int from = unit * quantum;
            int to = Math.min(n, nextUnit * quantum);
            float[] values = java.util.Arrays.copyOfRange(x, from * d, to * d);
            Broadcast<float[]> bc = sc.broadcast(values);
            blocks.add(new RowBlock(b, from, to - from, d, bc));
            unit = nextUnit;
        }
        // One element per slice: parallelize cuts a list of count elements into count slices of one.
        this.rdd = sc.parallelize(blocks, count).persist(StorageLevel.MEMORY_ONLY());
        rdd.count(); // materialise: places the blocks before the first pass
    }

    /** Whether these blocks are of {@code other} and cut so that chunks of {@code chunkSize} rows never straddle two. */
    boolean serves(FloatMatrix other, int chunkSize) {
        return other == data && quantum % chunkSize == 0;
    }

    JavaRDD<RowBlock> rdd() {
        return rdd;
    }

    /** The blocks, in row order. */
    List<RowBlock> blocks() {
        return blocks;
    }

    @Override
    public void close() {
        rdd.unpersist(false);
        for (RowBlock b : blocks) {
            b.values().destroy();
        }
    }
}
