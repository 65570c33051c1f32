/**
 * Dataset loading: the {@link org.imageclustering.loader.Dataset} a run clusters, and one
 * {@link org.imageclustering.loader.DatasetLoader} per published format, registered under the name an
 * experiment file uses: {@code fashion-mnist} ({@link org.imageclustering.loader.FashionMnistLoader}),
 * {@code mnist} ({@link org.imageclustering.loader.MnistLoader}), {@code idx}
 * ({@link org.imageclustering.loader.IdxLoader}), {@code cifar10}
 * ({@link org.imageclustering.loader.Cifar10Loader}), {@code cifar100}
 * ({@link org.imageclustering.loader.Cifar100Loader}) and {@code image-folder}
 * ({@link org.imageclustering.loader.ImageFolderLoader}); plus seeded stratified
 * {@link org.imageclustering.loader.Subsample}s of any of them.
 *
 * <p>Every loader reads the files as published, checks every size a header declares against the
 * bytes present before allocating for it, and reports a bad file with a
 * {@link org.imageclustering.loader.DatasetFormatException} naming the file and the byte offset or
 * field. The byte-level readers live in {@code io}; feature transforms in the features module.
 */
package org.imageclustering.loader;
