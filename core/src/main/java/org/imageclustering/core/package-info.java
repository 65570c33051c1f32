/**
 * What every clustering algorithm and every caller share: the row-major float32
 * {@link org.imageclustering.core.matrix.FloatMatrix}; the one-method
 * {@link org.imageclustering.core.ClusteringAlgorithm} and its immutable result
 * {@link org.imageclustering.core.Clustering} (labels, centroids, sizes, distortion,
 * {@link org.imageclustering.core.StopReason}, per-iteration {@link org.imageclustering.core.IterationTrace});
 * the {@link org.imageclustering.core.FitContext} a fit runs in; experiment-file settings as
 * {@link org.imageclustering.core.Parameters} with the located {@link org.imageclustering.core.OptionException};
 * derived seeds ({@link org.imageclustering.core.Seeds}); and the deterministic parallel map-reduce
 * ({@link org.imageclustering.core.matrix.Parallelism}) whose fixed chunk boundaries give the same bits at any
 * thread count.
 *
 * <p>The algorithms live below: {@code kmeans}, {@code spectral}, with the distance kernel in
 * {@code distance} and dense linear algebra in {@code linalg}. The matrix and the parallel loop sit
 * in {@code matrix}, beneath all of them, so that the kernel (which this package's
 * {@code Clustering.predict} calls) does not depend back on this package.
 */
package org.imageclustering.core;
