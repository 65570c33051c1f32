/**
 * Datasets on a cluster as Parquet: {@code -Dconvert=<out>} ({@link
 * org.imageclustering.spark.data.ParquetConversion}) loads an experiment's dataset on the driver with
 * the project's loaders and writes it with Spark to any Hadoop file system; the {@code parquet}
 * loader ({@link org.imageclustering.spark.data.ParquetLoader}) reads such a folder back, with Spark,
 * into the same {@link org.imageclustering.loader.Dataset}s.
 *
 * <p>The layout ({@link org.imageclustering.spark.data.ParquetLayout}): one row per image with the
 * columns {@code id} (long, the row's index within its split), {@code label} (int, null when the
 * split has no labels), {@code split} ({@code train} or {@code test}) and {@code features}
 * (array&lt;float&gt;), and beside the part files a small {@code _imageclustering.json}
 * ({@link org.imageclustering.spark.data.ConvertedDataset}: format version, dataset name, class
 * names, image shape, the source files' SHA-256 and a SHA-256 of the rows) that Spark's reader skips
 * as it skips every name starting with an underscore. A sidecar rather than Parquet footer metadata
 * because Spark's writer offers no way to add key-value pairs to the footers it writes.
 */
package org.imageclustering.spark.data;
