package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * Loads CIFAR-10 (Krizhevsky 2009, "Learning multiple layers of features from tiny images"): 32 x 32
 * colour images in 10 classes, 5 training batches of 10,000 and a test batch of 10,000, in either
 * published version, from the extracted folder or straight from the downloaded archive.
 *
 * <ul>
 *   <li>binary ({@code cifar-10-binary.tar.gz}, folder {@code cifar-10-batches-bin}):
 *       {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}, each a run of
 *       3,073-byte records (a label byte, then the red, green and blue 32 x 32 planes, rows in order);
 *       class names one per line in {@code batches.meta.txt};</li>
 *   <li>python ({@code cifar-10-python.tar.gz}, folder {@code cifar-10-batches-py}): {@code data_batch_1}
 *       .. {@code data_batch_5}, {@code test_batch}, pickled dicts with a uint8 array {@code data}
 *       (10000 x 3072, same pixel order) and a list {@code labels}; class names under
 *       {@code label_names} in {@code batches.meta}. Read by {@link org.imageclustering.loader.io.Unpickler},
 *       which never loads classes.</li>
 * </ul>
 *
 * <p>Options: {@code batches} (1..5, default 5: how many training batches, in order), {@code format}
 * ({@code auto} (default; binary when both are present), {@code binary} or {@code python}). The path
 * may be either folder, an archive, or a folder holding one of them; without a path it looks in
 * {@code data/cifar-10} and then {@code data}. From Java, {@link #load(Path, Options)} takes the same
 * settings typed.
 */
public final class Cifar10Loader implements DatasetLoader {
    /** Where the data is looked for when no path is given (each as the folder, its parent, or beside the archive). */
    public static final List<Path> DEFAULT_PLACES = List.of(Path.of("data", "cifar-10"), Path.of("data"));

    static final CifarData.Layout LAYOUT = CifarData.Layout.published("cifar10", "cifar-10-batches-bin",
            "cifar-10-batches-py", "cifar-10-binary.tar.gz", "cifar-10-python.tar.gz", "data_batch_1.bin", "data_batch_1");

    /** The published training batches (10,000 images each). */
    public static final int TRAINING_BATCHES = 5;

    /**
     * Typed settings of a CIFAR-10 load, for use from Java; an experiment file gives the same ones as
     * the dataset keys {@code batches}, {@code format} and {@code raw}.
     *
     * @param batches training batches to read, in order, 1 to {@value #TRAINING_BATCHES}
     * @param format  which published version to read
     * @param raw     keep the stored 0..255 values instead of scaling them to [0, 1]
     */
    public record Options(int batches, CifarFormat format, boolean raw) {
        public Options {
            if (batches < 1 || batches > TRAINING_BATCHES) {
                throw new IllegalArgumentException("batches must be 1 to " + TRAINING_BATCHES + ", was " + batches);
            }
            Objects.requireNonNull(format, "format");
        }

        /** Every training batch, from whichever version is present, scaled to [0, 1]. */
        public static Options defaults() {
            return new Options(TRAINING_BATCHES, CifarFormat.AUTO, false);
        }

        public Options withBatches(int newBatches) {
            return new Options(newBatches, format, raw);
        }

        public Options withFormat(CifarFormat newFormat) {
            return new Options(batches, newFormat, raw);
        }

        public Options withRaw(boolean newRaw) {
            return new Options(batches, format, newRaw);
        }
    }

    public Cifar10Loader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        int batches = p.integer("batches", TRAINING_BATCHES);
        if (batches < 1 || batches > TRAINING_BATCHES) {
            throw p.invalid("batches", "expected 1 to " + TRAINING_BATCHES + " training batches, found " + batches);
        }
        CifarFormat format = p.choice("format", CifarFormat.AUTO, CifarFormat::fromName);
        p.requireAllUsed();
        return load(options.path(), new Options(batches, format, options.raw()));
    }

    /**
     * Reads CIFAR-10 from {@code path} (either published folder, an archive, or a folder holding one
     * of them; {@code null} looks in {@link #DEFAULT_PLACES}).
     *
     * @return the training batches asked for as the train split, and the test batch as the test split
     * @throws java.nio.file.NoSuchFileException if the data is not there, saying where to get it
     * @throws DatasetFormatException if a file is not in the published format (file and byte offset)
     */
    public DatasetSplits load(Path path, Options options) throws IOException {
        int batches = options.batches();
        List<String> binaryTrain = new ArrayList<>();
        List<String> pythonTrain = new ArrayList<>();
        for (int b = 1; b <= batches; b++) {
            binaryTrain.add("data_batch_" + b + ".bin");
            pythonTrain.add("data_batch_" + b);
        }
        List<String> binaryFiles = new ArrayList<>(binaryTrain);
        binaryFiles.addAll(List.of("test_batch.bin", "batches.meta.txt"));
        List<String> pythonFiles = new ArrayList<>(pythonTrain);
        pythonFiles.addAll(List.of("test_batch", "batches.meta"));

        CifarData.Location loc = CifarData.locate(LAYOUT, path, DEFAULT_PLACES, options.format().version());
        CifarData.Members m = CifarData.read(LAYOUT, loc, binaryFiles, pythonFiles);
        List<String> classNames = CifarData.classNames(LAYOUT, m, "batches.meta.txt", "batches.meta", "label_names");

        List<CifarData.Batch> train = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            train.add(batch(m, binaryTrain.get(b), pythonTrain.get(b), classNames.size()));
        }
        List<CifarData.Batch> test = List.of(batch(m, "test_batch.bin", "test_batch", classNames.size()));
        return new DatasetSplits(
                CifarData.assemble("cifar10/train", train, classNames, options.raw(), m.sources()),
                CifarData.assemble("cifar10/test", test, classNames, options.raw(), m.sources()));
    }

    /** A batch: one label byte per binary record, labels under {@code labels} in the python pickle. */
    private static CifarData.Batch batch(CifarData.Members m, String binaryFile, String pythonFile, int classes)
            throws IOException {
        return CifarData.batch(LAYOUT, m, binaryFile, 1, 0, pythonFile, "labels", classes);
    }
}
