package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * {@code data/cifar-100} and then {@code data}.
 */
public final class Cifar100Loader implements DatasetLoader {
    /** Where the data is looked for when no path is given. */
    public static final List<Path> DEFAULT_PLACES = List.of(Path.of("data", "cifar-100"), Path.of("data"));

    static final CifarData.Layout LAYOUT = CifarData.Layout.published("cifar100", "cifar-100-binary",
            "cifar-100-python", "cifar-100-binary.tar.gz", "cifar-100-python.tar.gz", "train.bin", "train");

    public Cifar100Loader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        boolean fine = p.choice("labels", Boolean.TRUE, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "fine" -> Boolean.TRUE;
            case "coarse" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected fine or coarse, found '" + s + "'");
        });
        CifarData.Version format = CifarData.formatOption(p);
        p.requireAllUsed();

        List<String> binaryFiles = List.of("train.bin", "test.bin", "fine_label_names.txt", "coarse_label_names.txt");
        List<String> pythonFiles = List.of("train", "test", "meta");
        CifarData.Location loc = CifarData.locate(LAYOUT, options.path(), DEFAULT_PLACES, format);
        CifarData.Members m = CifarData.read(LAYOUT, loc, binaryFiles, pythonFiles);
        String labelling = fine ? "fine" : "coarse";
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
