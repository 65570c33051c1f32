/**
 * K-means on a Spark cluster with the local engine's bits.
 *
 * <p>The driver runs the same k-means code as one JVM does ({@code core.kmeans.KMeans}: the
 * initialisation, the loop, the empty-cluster relocation, the stopping rules); only its assignment
 * passes run on the executors, through the core's seam for it ({@code AssignmentPasses},
 * {@code BlockedPasses}, {@code KMeansBlock}). {@link org.imageclustering.spark.kmeans.SparkPasses}
 * spreads the data as blocks of rows that start at chunk multiples, one per cached partition
 * ({@code DistributedRows}, {@code RowBlock}); each pass is one Spark job ({@code SparkBlocks})
 * whose tasks run the block's {@code KMeansBlock} in the state the executor keeps between jobs
 * ({@code ExecutorBlocks}, {@code BlockState}) and send back its per-chunk partials, which the
 * driver combines in block order, never in task-completion order.
 *
 * <p>A task that Spark reruns, or runs where the block's state is gone (a lost executor), replays
 * the passes the block missed from their broadcast centres ({@code PassInput}), so labels,
 * centroids, distortion, trace and work counts are the same whatever failed.
 */
package org.imageclustering.spark.kmeans;
