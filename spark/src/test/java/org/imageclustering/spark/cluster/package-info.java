/**
 * A real Spark standalone cluster on the loopback interface (a Master and Workers as their own
 * JVMs, executors started by the Workers) and the experiment runner driving it, checked against
 * the local runner's results.
 */
package org.imageclustering.spark.cluster;
