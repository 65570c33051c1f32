/**
 * The two types every other package of the project builds on: the row-major float32
 * {@link org.imageclustering.core.matrix.FloatMatrix} (one row per image) and
 * {@link org.imageclustering.core.matrix.Parallelism}, the deterministic parallel loop and
 * map-reduce over row ranges, whose chunk boundaries depend on the sizes only and whose partial
 * results are combined in chunk order, so that results are the same bits at any thread count.
 *
 * <p>They depend on nothing else of the project, which keeps the package graph free of cycles: the
 * distance kernel ({@code core.distance}) uses them, and {@code core}'s
 * {@code Clustering.predict} uses the kernel.
 */
package org.imageclustering.core.matrix;
