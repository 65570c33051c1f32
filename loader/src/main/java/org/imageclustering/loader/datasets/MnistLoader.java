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
 * <p>Without a path it looks in {@code data/mnist}. Takes no options.
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
        return IdxDatasets.loadStandard("mnist", options, DEFAULT_PLACES, CLASS_NAMES, HOW_TO_GET);
    }
}
