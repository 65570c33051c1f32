/**
 * The experiment runner on Apache Spark: {@link org.imageclustering.spark.SparkMain} (the command
 * line, for {@code exec:java -Dmaster=...} and {@code spark-submit}) and the Guice module that
 * puts k-means on the cluster and refuses what cannot run there ({@code SparkEngineModule}).
 * Nothing else in the project depends on this module.
 */
package org.imageclustering.spark;
