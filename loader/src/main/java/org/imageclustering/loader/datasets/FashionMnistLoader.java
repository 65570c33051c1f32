package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * Loads Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, "Fashion-MNIST: a novel image dataset for
 * benchmarking machine learning algorithms", arXiv:1708.07747): 60,000 training and 10,000 test
 * grey-scale 28 x 28 pictures of clothing in 10 classes, as IDX files, plain or gzip-compressed.
 *
 * <p>Without a path it looks in {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist} package) and then in {@code data/fashion-mnist}. Takes no options beyond {@code raw};
 * from Java, {@link #load(Path, boolean)}.
 */
public final class FashionMnistLoader implements DatasetLoader {
    /** The ten classes, index = label, as named by the dataset's authors. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where the data is looked for when no path is given, in this order. */
    public static final List<Path> DEFAULT_PLACES = List.of(Path.of("/usr/share/datasets/fashion-mnist"),
            Path.of("data", "fashion-mnist"));

    static final String HOW_TO_GET = "Get Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist` "
            + "(Debian/Ubuntu; installs into /usr/share/datasets/fashion-mnist), or download "
            + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
            + "t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist (folder data/fashion) "
            + "into data/fashion-mnist, or set the dataset's path.";

    public FashionMnistLoader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        options.params().requireAllUsed();
        return load(options.path(), options.raw());
    }

    /**
     * Reads Fashion-MNIST from the folder {@code path} ({@code null} looks in {@link #DEFAULT_PLACES}); the
     * typed form of a dataset entry, whose only setting is {@code raw}.
     *
     * @param raw keep the stored 0..255 values instead of scaling them to [0, 1]
     * @return the training files as the train split and, when both test files exist, the test split
     * @throws java.nio.file.NoSuchFileException if the files are not there, saying where to get them
     * @throws org.imageclustering.loader.DatasetFormatException if a file is not an IDX file of the
     *         expected kind (file and byte offset)
     */
    public DatasetSplits load(Path path, boolean raw) throws IOException {
        return IdxDatasets.loadStandard("fashion-mnist", path, raw, DEFAULT_PLACES, CLASS_NAMES, HOW_TO_GET);
    }
}
