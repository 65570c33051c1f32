package org.imageclustering.spark.kmeans;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.imageclustering.core.kmeans.AssignmentPasses;
import org.imageclustering.core.kmeans.BlockedPasses;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * Runs the assignment passes of k-means on a Spark cluster: a data matrix of the driver is spread
 * over the executors once ({@link DistributedRows}, kept while fits use it, as a sweep over K
 * does) and every run's passes go to its blocks ({@link SparkBlocks}). The loop, the
 * initialisation and everything else stay on the driver, in the same code as in one JVM, so the
 * results are the local engine's bits whatever the number of partitions and executors.
 *
 * <p>Fits may run at once (an experiment's {@code parallel-runs}): each holds the blocks it uses
 * until it ends, and blocks that no fit uses are dropped when another data matrix is spread.
 */
public final class SparkPasses implements AssignmentPasses.Factory, AutoCloseable {
    private static final AtomicLong RUNS = new AtomicLong();

    private final JavaSparkContext sc;
    private final int partitions;
    /** The spread data matrices, newest last, with the number of fits using each. */
    private final List<DistributedRows> spread = new ArrayList<>();
    private final Map<DistributedRows, Integer> users = new IdentityHashMap<>();

    /** Passes on {@code sc}'s executors over at most {@code partitions} blocks of rows. */
    public SparkPasses(JavaSparkContext sc, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        this.sc = sc;
        this.partitions = partitions;
    }

    @Override
    public AssignmentPasses open(FloatMatrix data, double[] rowNorms, KMeansOptions options, KMeansVariant variant,
                                 int chunkSize, Parallelism parallel) {
        DistributedRows rows = acquire(data, chunkSize);
        return over(sc, rows, options, variant, chunkSize, true, () -> release(rows));
    }

    /**
     * The passes of one run over blocks already spread; {@code collectLabels}: see
     * {@link SparkBlocks}; {@code onClose} runs when the run ends.
     */
    static AssignmentPasses over(JavaSparkContext sc, DistributedRows rows, KMeansOptions options,
                                 KMeansVariant variant, int chunkSize, boolean collectLabels, Runnable onClose) {
        String run = sc.sc().applicationId() + "-" + RUNS.incrementAndGet();
        BlockSettings settings = new BlockSettings(run, options.k(), options.maxIterations(), variant, chunkSize);
        int[] chunks = rows.blocks().stream().mapToInt(b -> Parallelism.chunkCount(b.rows(), chunkSize)).toArray();
        return new BlockedPasses(options.k(), rows.cols(), chunks, new SparkBlocks(sc, rows, settings, collectLabels, onClose));
    }

    /** The blocks of {@code data} for chunks of {@code chunkSize}, spread now if none serve; one more user. */
    private synchronized DistributedRows acquire(FloatMatrix data, int chunkSize) {
        DistributedRows rows = null;
        for (DistributedRows r : spread) {
            if (r.serves(data, chunkSize)) {
                rows = r;
            }
        }
        if (rows == null) {
            rows = DistributedRows.of(sc, data, chunkSize, partitions);
            spread.add(rows);
            dropUnused();
        }
        users.merge(rows, 1, Integer::sum);
        return rows;
    }

    private synchronized void release(DistributedRows rows) {
        users.merge(rows, -1, Integer::sum);
        dropUnused();
    }

    /** Drops every spread matrix but the newest that no fit uses. */
    private void dropUnused() {
        for (int i = spread.size() - 2; i >= 0; i--) {
            DistributedRows r = spread.get(i);
            if (users.getOrDefault(r, 0) <= 0) {
                spread.remove(i);
                users.remove(r);
                r.close();
            }
        }
    }

    @Override
    public synchronized void close() {
        for (DistributedRows r : spread) {
            r.close();
        }
        spread.clear();
        users.clear();
    }
}
