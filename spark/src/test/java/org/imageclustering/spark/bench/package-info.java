/**
 * Benchmarks of k-means on Spark: ours against MLlib's and against our local engine, in one JVM
 * ({@code bench/spark/run.sh}; figures in {@code bench/README.md}).
 */
package org.imageclustering.spark.bench;
