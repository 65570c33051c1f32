package org.imageclustering.loader;

import java.io.IOException;

/**
 * Reads one dataset format. Registered under a name ({@code cifar10}, {@code fashion-mnist}, ...)
 * so that adding a dataset is one class and one binding.
 */
@FunctionalInterface
public interface DatasetLoader {
    /**
     * Loads the dataset described by {@code options}.
     *
     * @throws DatasetFormatException if a file is truncated or not in the expected format
     * @throws java.nio.file.NoSuchFileException if the data is not where it was looked for; the
     *         message names every place tried and where the dataset can be obtained
     * @throws org.imageclustering.core.OptionException if a loader-specific option is invalid
     */
    DatasetSplits load(LoaderOptions options) throws IOException;
}
