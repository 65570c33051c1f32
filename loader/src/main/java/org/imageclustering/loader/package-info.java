/**
 * The dataset contract every loader and every consumer of data shares: the {@link
 * org.imageclustering.loader.Dataset} a run clusters (with its {@link org.imageclustering.core.ImageShape}
 * and the {@link org.imageclustering.loader.SourceFile}s it came from), the one-method {@link
 * org.imageclustering.loader.DatasetLoader} with its {@link org.imageclustering.loader.LoaderOptions} and
 * {@link org.imageclustering.loader.DatasetSplits}, the {@link org.imageclustering.loader.DatasetFormatException}
 * that names the file and the byte offset or field of a bad file, and seeded stratified
 * {@link org.imageclustering.loader.Subsample}s of any dataset.
 *
 * <p>The packages below depend on this one and never the other way round: {@code io} holds the
 * byte-level readers, {@code datasets} the built-in loaders; the feature transforms live in the features module.
 */
package org.imageclustering.loader;
