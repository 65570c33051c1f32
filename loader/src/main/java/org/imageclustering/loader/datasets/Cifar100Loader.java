package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * Loads CIFAR-100 (Krizhevsky 2009, "Learning multiple layers of features from tiny images"): 50,000
 * training and 10,000 test 32 x 32 colour images, each labelled with one of 100 fine classes and one
 * of 20 coarse superclasses, in either published version, from the extracted folder or straight
 * from the downloaded archive.
 *
 * <ul>
 *   <li>binary ({@code cifar-100-binary.tar.gz}, folder {@code cifar-100-binary}): {@code train.bin},
 *       {@code test.bin}, runs of 3,074-byte records (coarse label byte, fine label byte, then the red,
 *       green and blue 32 x 32 planes); names in {@code fine_label_names.txt} and {@code coarse_label_names.txt};</li>
 *   <li>python ({@code cifar-100-python.tar.gz}, folder {@code cifar-100-python}): pickles {@code train},
 *       {@code test} (keys {@code data}, {@code fine_labels}, {@code coarse_labels}) and {@code meta}
 *       ({@code fine_label_names}, {@code coarse_label_names}).</li>
 * </ul>
 *
 * <p>Options: {@code labels} ({@code fine} (default) or {@code coarse}: which labelling the dataset
 * carries), {@code format} ({@code auto}, {@code binary}, {@code python}). Without a path it looks in
 * {@code data/cifar-100} and then {@code data}. From Java, {@link #load(Path, Options)} takes the same
 * settings typed.
 */
public final class Cifar100Loader implements DatasetLoader {
    /** Where the data is looked for when no path is given. */
    public static final List<Path> DEFAULT_PLACES = List.of(Path.of("data", "cifar-100"), Path.of("data"));

    static final CifarData.Layout LAYOUT = CifarData.Layout.published("cifar100", "cifar-100-binary",
            "cifar-100-python", "cifar-100-binary.tar.gz", "cifar-100-python.tar.gz", "train.bin", "train");

    /** Which labelling the images carry: the 100 fine classes or the 20 coarse superclasses. */
    public enum Labels {
        FINE,
        COARSE;

        /** The labelling named {@code fine} or {@code coarse}, in any case (the experiment file's spelling). */
        public static Labels fromName(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "fine" -> FINE;
                case "coarse" -> COARSE;
                default -> throw new IllegalArgumentException("expected fine or coarse, found '" + name + "'");
            };
        }

        /** The published spelling, as in {@code fine_labels} and {@code fine_label_names}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Typed settings of a CIFAR-100 load, for use from Java; an experiment file gives the same ones as
     * the dataset keys {@code labels}, {@code format} and {@code raw}.
     *
     * @param labels which labelling the dataset carries
     * @param format which published version to read
     * @param raw    keep the stored 0..255 values instead of scaling them to [0, 1]
     */
    public record Options(Labels labels, CifarFormat format, boolean raw) {
        public Options {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(format, "format");
        }

        /** The fine classes, from whichever version is present, scaled to [0, 1]. */
        public static Options defaults() {
            return new Options(Labels.FINE, CifarFormat.AUTO, false);
        }

        public Options withLabels(Labels newLabels) {
            return new Options(newLabels, format, raw);
        }

        public Options withFormat(CifarFormat newFormat) {
            return new Options(labels, newFormat, raw);
        }

        public Options withRaw(boolean newRaw) {
            return new Options(labels, format, newRaw);
        }
    }

    public Cifar100Loader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        Labels labels = p.choice("labels", Labels.FINE, Labels::fromName);
        CifarFormat format = p.choice("format", CifarFormat.AUTO, CifarFormat::fromName);
        p.requireAllUsed();
        return load(options.path(), new Options(labels, format, options.raw()));
    }

    /**
     * Reads CIFAR-100 from {@code path} (either published folder, an archive, or a folder holding one
     * of them; {@code null} looks in {@link #DEFAULT_PLACES}).
     *
     * @return the training file as the train split and the test file as the test split, labelled as asked
     * @throws java.nio.file.NoSuchFileException if the data is not there, saying where to get it
     * @throws DatasetFormatException if a file is not in the published format (file and byte offset)
     */
    public DatasetSplits load(Path path, Options options) throws IOException {
        boolean fine = options.labels() == Labels.FINE;
        List<String> binaryFiles = List.of("train.bin", "test.bin", "fine_label_names.txt", "coarse_label_names.txt");
        List<String> pythonFiles = List.of("train", "test", "meta");
        CifarData.Location loc = CifarData.locate(LAYOUT, path, DEFAULT_PLACES, options.format().version());
        CifarData.Members m = CifarData.read(LAYOUT, loc, binaryFiles, pythonFiles);
        String labelling = options.labels().key();
        List<String> classNames = CifarData.classNames(LAYOUT, m, labelling + "_label_names.txt", "meta",
                labelling + "_label_names");
        return new DatasetSplits(
                CifarData.assemble("cifar100/train", List.of(batch(m, "train.bin", "train", fine, classNames.size())),
                        classNames, options.raw(), m.sources()),
                CifarData.assemble("cifar100/test", List.of(batch(m, "test.bin", "test", fine, classNames.size())),
                        classNames, options.raw(), m.sources()));
    }

    /** A batch: coarse then fine label byte per binary record; {@code fine_labels} or {@code coarse_labels} in the pickle. */
    private static CifarData.Batch batch(CifarData.Members m, String binaryFile, String pythonFile, boolean fine,
                                         int classes) throws IOException {
        return CifarData.batch(LAYOUT, m, binaryFile, 2, fine ? 1 : 0, pythonFile, fine ? "fine_labels" : "coarse_labels",
                classes);
    }
}
