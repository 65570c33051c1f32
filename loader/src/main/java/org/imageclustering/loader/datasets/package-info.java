/**
 * The built-in loaders, one per published format, each registered under the name an experiment
 * file uses: {@code fashion-mnist} ({@link org.imageclustering.loader.datasets.FashionMnistLoader}),
 * {@code mnist} ({@link org.imageclustering.loader.datasets.MnistLoader}), {@code idx}
 * ({@link org.imageclustering.loader.datasets.IdxLoader}), {@code cifar10}
 * ({@link org.imageclustering.loader.datasets.Cifar10Loader}), {@code cifar100}
 * ({@link org.imageclustering.loader.datasets.Cifar100Loader}) and {@code image-folder}
 * ({@link org.imageclustering.loader.datasets.ImageFolderLoader}).
 *
 * <p>Every loader reads the files as published, checks every size a header declares against the
 * bytes present before allocating for it, and reports a bad file with a
 * {@link org.imageclustering.loader.DatasetFormatException} naming the file and the byte offset or
 * field. The byte-level readers they share live in {@code loader.io}.
 */
package org.imageclustering.loader.datasets;
