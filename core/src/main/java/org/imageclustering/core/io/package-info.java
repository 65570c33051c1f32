/**
 * Array files shared with the Python world: {@link org.imageclustering.core.io.Npy} writes and
 * reads numpy's {@code .npy} format, so that labels and centroids go straight into numpy/pandas and
 * features computed in Python can come back in.
 *
 * <p>It lives in {@code core} because both sides need it: {@code reporting} writes per-run
 * results, the dataset loaders read precomputed features. Reading is strict: every problem is an
 * {@link org.imageclustering.core.io.NpyFormatException} naming the file and the byte offset or the
 * header field, what was expected and what was found.
 */
package org.imageclustering.core.io;
