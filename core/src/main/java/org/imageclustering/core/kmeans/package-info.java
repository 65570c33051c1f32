/**
 * The k-means family: exact k-means ({@link org.imageclustering.core.kmeans.KMeans}; Lloyd, Hamerly or
 * Elkan iterations, same answer) and {@link org.imageclustering.core.kmeans.MiniBatchKMeans}, their
 * validated options, the starting-centre strategies ({@link org.imageclustering.core.kmeans.Initialization})
 * and empty-cluster policies, centroid files, and the factories that build them from an experiment
 * file's settings.
 */
package org.imageclustering.core.kmeans;
