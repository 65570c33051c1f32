package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * Loads MNIST (LeCun, Bottou, Bengio and Haffner 1998, "Gradient-based learning applied to document
 * recognition"): 60,000 training and 10,000 test grey-scale 28 x 28 handwritten digits, as IDX
 * files, plain or gzip-compressed.
 *
 * <p>Without a path it looks in {@code data/mnist}. Takes no options beyond {@code raw};
 * from Java, {@link #load(Path, boolean)}.
 */
public final class MnistLoader implements DatasetLoader {
    /** The ten digit classes, index = label. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Where the data is looked for when no path is given. */
    public static final List<Path> DEFAULT_PLACES = List.of(Path.of("data", "mnist"));

    static final String HOW_TO_GET = "Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (from http://yann.lecun.com/exdb/mnist/ "
            + "or a mirror such as https://ossci-datasets.s3.amazonaws.com/mnist/) into data/mnist, or set the dataset's path.";

    public MnistLoader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        options.params().requireAllUsed();
        return load(options.path(), options.raw());
    }

    /**
     * Reads MNIST from the folder {@code path} ({@code null} looks in {@link #DEFAULT_PLACES}); the
     * typed form of a dataset entry, whose only setting is {@code raw}.
     *
     * @param raw keep the stored 0..255 values instead of scaling them to [0, 1]
     * @return the training files as the train split and, when both test files exist, the test split
     * @throws java.nio.file.NoSuchFileException if the files are not there, saying where to get them
     * @throws org.imageclustering.loader.DatasetFormatException if a file is not an IDX file of the
     *         expected kind (file and byte offset)
     */
    public DatasetSplits load(Path path, boolean raw) throws IOException {
        return IdxDatasets.loadStandard("mnist", path, raw, DEFAULT_PLACES, CLASS_NAMES, HOW_TO_GET);
    }
}
