package org.imageclustering.spark.kmeans;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.imageclustering.core.kmeans.AssignmentPasses;
import org.imageclustering.core.kmeans.BlockedPasses;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * Runs the assignment passes of k-means on a Spark cluster: the data matrix is spread over the
 * executors once ({@link DistributedRows}, kept while the fits use the same matrix, as a sweep
 * over K does) and every run's passes go to its blocks ({@link SparkBlocks}). The loop, the
 * initialisation and everything else stay on the driver, in the same code as in one JVM, so the
 * results are the local engine's bits whatever the number of partitions and executors.
 */
public final class SparkPasses implements AssignmentPasses.Factory, AutoCloseable {
    private static final AtomicLong RUNS = new AtomicLong();

    private final JavaSparkContext sc;
    private final int partitions;
    private DistributedRows current;

    /** Passes on {@code sc}'s executors over at most {@code partitions} blocks of rows. */
    public SparkPasses(JavaSparkContext sc, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        this.sc = sc;
        this.partitions = partitions;
    }

    @Override
    public synchronized AssignmentPasses open(FloatMatrix data, double[] rowNorms, KMeansOptions options,
                                              KMeansVariant variant, int chunkSize, Parallelism parallel) {
        return over(sc, rowsFor(data, chunkSize), options, variant, chunkSize, true);
    }

    /** The passes of one run over blocks already spread; {@code collectLabels}: see {@link SparkBlocks}. */
    static AssignmentPasses over(JavaSparkContext sc, DistributedRows rows, KMeansOptions options,
                                 KMeansVariant variant, int chunkSize, boolean collectLabels) {
        String run = sc.sc().applicationId() + "-" + RUNS.incrementAndGet();
        BlockSettings settings = new BlockSettings(run, options.k(), options.maxIterations(), variant, chunkSize);
        int[] chunks = rows.blocks().stream().mapToInt(b -> Parallelism.chunkCount(b.rows(), chunkSize)).toArray();
        return new BlockedPasses(options.k(), rows.cols(), chunks, new SparkBlocks(sc, rows, settings, collectLabels));
    }

    /** The blocks of {@code data} for chunks of {@code chunkSize}: the current ones when they serve, else new. */
    private DistributedRows rowsFor(FloatMatrix data, int chunkSize) {
        if (current != null && current.serves(data, chunkSize)) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        current = DistributedRows.of(sc, data, chunkSize, partitions);
        return current;
    }

    /** The number of blocks the current data is cut into (0 before any fit). */
    public synchronized int blocks() {
        return current == null ? 0 : current.blocks().size();
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
