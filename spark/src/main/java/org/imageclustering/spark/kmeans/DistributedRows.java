package org.imageclustering.spark.kmeans;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
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
        // One element per slice: parallelize cuts a list of count elements into count slices of one.
        this(source, rows, cols, quantum, blocks, broadcasts, sc.parallelize(blocks, blocks.size()).map(RowBlock::load));
    }

    private DistributedRows(Object source, long rows, int cols, int quantum, List<RowBlock> blocks,
                            List<Broadcast<?>> broadcasts, JavaRDD<RowBlock.Loaded> loaded) {
        this.source = source;
        this.rows = rows;
        this.cols = cols;
        this.quantum = quantum;
        this.blocks = blocks;
        this.broadcasts = broadcasts;
        this.rdd = loaded.persist(StorageLevel.MEMORY_ONLY());
        try {
            rdd.count(); // load every block before the first pass
        } catch (Exception e) {
            rdd.unpersist(false);
            // Spark wraps what a task threw in its own report; a bad row's message is the one to show.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException bad) {
                    throw new IllegalArgumentException(bad.getMessage(), e);
                }
            }
            throw e;
        }
    }

    /**
     * The rows of {@code indexed} (row index, values), indices 0 to n - 1 each once, gathered on the
     * executors into blocks of consecutive rows cut at multiples of {@code quantum}: one shuffle
     * by index range, then each block sorted by index. Nothing passes through the driver; a lost
     * block is read and gathered again.
     *
     * @throws IllegalArgumentException (when the blocks load) naming a missing, repeated or
     *         out-of-range index, or a row of the wrong width
     */
    static DistributedRows gathered(Object source, JavaPairRDD<Long, float[]> indexed, long n, int cols, int quantum,
                                    int partitions) {
        List<RowBlock> blocks = new ArrayList<>();
        for (long[] range : ranges(n, quantum, partitions)) {
            blocks.add(new RowBlock(blocks.size(), range[0], (int) (range[1] - range[0]), cols, null));
        }
        long[] starts = blocks.stream().mapToLong(RowBlock::firstRow).toArray();
        List<RowBlock> handles = List.copyOf(blocks);
        JavaRDD<RowBlock.Loaded> loaded = indexed
                .partitionBy(new RowRanges(starts, n))
                .mapPartitionsWithIndex((b, it) -> List.of(gather(handles.get(b), it)).iterator(), true);
        return new DistributedRows(source, n, cols, quantum, blocks, List.of(), loaded);
    }

    /** Block {@code block}'s rows from the pairs that the shuffle brought it, checked and in index order. */
    private static RowBlock.Loaded gather(RowBlock block, java.util.Iterator<scala.Tuple2<Long, float[]>> it) {
        int cols = block.cols();
        float[] x = new float[block.rows() * cols];
        boolean[] seen = new boolean[block.rows()];
        int count = 0;
        while (it.hasNext()) {
            scala.Tuple2<Long, float[]> row = it.next();
            long i = row._1() - block.firstRow();
            if (i < 0 || i >= block.rows()) {
                throw new IllegalArgumentException("row index " + row._1() + " is outside 0 to n - 1");
            }
            if (seen[(int) i]) {
                throw new IllegalArgumentException("row index " + row._1() + " appears twice; expected each of 0 to n - 1 once");
            }
            if (row._2().length != cols) {
                throw new IllegalArgumentException("row " + row._1() + " has " + row._2().length + " values, expected " + cols);
            }
            seen[(int) i] = true;
            System.arraycopy(row._2(), 0, x, (int) i * cols, cols);
            count++;
        }
        if (count != block.rows()) {
            int missing = 0;
            while (seen[missing]) {
                missing++;
            }
            throw new IllegalArgumentException("row index " + (block.firstRow() + missing) + " is missing; expected each of 0 to "
                    + "n - 1 once");
        }
        return new RowBlock.Loaded(block, FloatMatrix.wrap(block.rows(), cols, x));
    }

    /** Sends row index {@code i} to the block whose range holds it (out-of-range indices to the last, which refuses them). */
    private static final class RowRanges extends org.apache.spark.Partitioner {
        private static final long serialVersionUID = 1L;
        private final long[] starts;
        private final long n;

        RowRanges(long[] starts, long n) {
            this.starts = starts;
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return starts.length;
        }

        @Override
        public int getPartition(Object key) {
            long i = (Long) key;
            int b = java.util.Arrays.binarySearch(starts, i);
            return b >= 0 ? b : Math.max(0, Math.min(starts.length - 1, -b - 2));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RowRanges r && java.util.Arrays.equals(starts, r.starts) && n == r.n;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(starts);
        }
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
