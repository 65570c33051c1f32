/**
 * Feature transforms: what turns a {@link org.imageclustering.loader.Dataset}'s pixel rows into the
 * features a clustering runs on. Each {@link org.imageclustering.features.Transform} learns only from
 * the training split and returns a {@link org.imageclustering.features.FittedTransform} applied
 * unchanged to every split; {@link org.imageclustering.features.Transforms} fits a chain of them in
 * sequence, and the fitted {@link org.imageclustering.features.FittedChain} maps centroids back to
 * pictures where its steps can be inverted.
 *
 * <p>Pixel-space steps ({@code scale}, {@code standardize}, {@code grayscale}, {@code l2-normalize},
 * {@code resize}) keep or change the image shape; {@code pca}, {@code hog}, {@code color-histogram}
 * and {@code patch-kmeans-features} leave pixel space. The ones that learn use core's linear algebra
 * and k-means, which is why they live in their own module rather than beside the loaders.
 */
package org.imageclustering.features;
