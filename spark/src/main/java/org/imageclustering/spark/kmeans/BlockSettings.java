package org.imageclustering.spark.kmeans;

import java.io.Serializable;
import org.imageclustering.core.kmeans.KMeansBlock;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.matrix.Parallelism;

/**
 * What an executor needs to build a block's k-means state: the run's id, k, the iteration budget
 * (it decides whether Lloyd copies the rows into lanes, a speed choice only), the resolved variant
 * and the chunk size of the whole data set.
 */
record BlockSettings(String run, int k, int maxIterations, KMeansVariant variant, int chunkSize)
        implements Serializable {

    /** A fresh block state for {@code block}, one thread per task (Spark runs the partitions in parallel). */
    KMeansBlock newBlock(RowBlock.Loaded block) {
        KMeansOptions options = KMeansOptions.defaults(k).withMaxIterations(maxIterations);
        return new KMeansBlock(block.matrix(), null, block.firstRow(), options, variant, chunkSize,
                Parallelism.sequential());
    }

    /** This executor's state of {@code block} for the run. */
    BlockState state(RowBlock.Loaded block) {
        return ExecutorBlocks.state(run, block.index(), () -> newBlock(block));
    }
}
