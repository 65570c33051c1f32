package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A kind of precomputed-features file that {@link FeaturesLoader} reads besides {@code .npy} and
 * CSV, chosen by the file's extension: another module adds one (the Spark engine adds Parquet) so
 * that this module needs no library for it.
 */
@FunctionalInterface
public interface FeatureFileFormat {
    /**
     * Reads the feature rows of {@code file} (a file or a folder of part files), in file order.
     *
     * @param idColumn    the column of image row indices to align by, or {@code null}
     * @param labelColumn the column of integer labels, or {@code null}
     * @throws org.imageclustering.loader.DatasetFormatException naming the file, the row or column and
     *         what was expected, for anything that is not finite float rows
     */
    FeatureTable read(Path file, String idColumn, String labelColumn) throws IOException;
}
