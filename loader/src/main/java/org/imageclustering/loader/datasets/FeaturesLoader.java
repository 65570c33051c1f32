package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Sha256;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;

/**
 * Loads features computed elsewhere (CLIP or DINO embeddings, say) from {@code .npy} or CSV files,
 * optionally aligned with the rows of an image dataset so that its labels and class names still
 * serve the metrics and the report.
 *
 * <p>Options: {@code train} (required) and {@code test} (optional): the feature files, relative to the
 * dataset's path when one is given; {@code .npy} (2-D float32/float64, C order), a file another
 * module's {@link FeatureFileFormat} reads (the Spark engine reads {@code .parquet}), or {@code .csv}
 * (one row per item; {@code header} true/false, detected from the first line when absent; {@code id-column} and
 * {@code label-column} name columns that are not features). {@code images}: an image dataset block
 * ({@code loader}, {@code path} and that loader's own keys) whose rows the features describe, matched
 * by order (the row counts must be equal) or, with an {@code id-column}, by image row index. Without
 * {@code images}, a CSV {@code label-column} gives labels, classes named "0", "1", ... up to the
 * largest. The rows are features, not pixels, so the datasets have no image shape; aligned with
 * images, they keep each row's original image for the report's pictures.
 * From Java, {@link #load(Path, Options)} takes the same settings typed.
 */
public final class FeaturesLoader implements DatasetLoader {
    /**
     * The image dataset the features belong to.
     *
     * @param loader  the name of its loader ({@code fashion-mnist}, {@code image-folder}, ...)
     * @param options what that loader is asked for
     */
    public record Images(String loader, LoaderOptions options) {
        public Images {
            Objects.requireNonNull(loader, "loader");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * Typed settings of a features load; an experiment file gives the same ones as the dataset keys
     * {@code train}, {@code test}, {@code header}, {@code id-column}, {@code label-column} and {@code images}.
     *
     * @param train       the training features file, relative to the path or absolute
     * @param test        the test features file, or {@code null} for no test split
     * @param header      whether a CSV file starts with a header line, or {@code null} to detect it
     * @param idColumn    the CSV column of image row indices to align by, or {@code null} to align by order
     * @param labelColumn the CSV column of labels (only without {@code images}), or {@code null}
     * @param images      the image dataset to align with, or {@code null}
     */
    public record Options(String train, String test, Boolean header, String idColumn, String labelColumn,
                          Images images) {
        public Options {
            Objects.requireNonNull(train, "train");
            if (images != null && labelColumn != null) {
                throw new IllegalArgumentException("labels come from the images dataset; give images or "
                        + "labelColumn, not both");
            }
        }

        /** Features in {@code train}, nothing else. */
        public static Options of(String train) {
            return new Options(train, null, null, null, null, null);
        }
    }

    private final Supplier<Map<String, DatasetLoader>> loaders;
    private final Map<String, FeatureFileFormat> formats;

    /** A features loader that can align with the image datasets of these loaders, by name. */
    public FeaturesLoader(Supplier<Map<String, DatasetLoader>> loaders) {
        this(loaders, Map.of());
    }

    /** ... and reads the files whose extension (lower case, no dot) {@code formats} names. */
    public FeaturesLoader(Supplier<Map<String, DatasetLoader>> loaders, Map<String, FeatureFileFormat> formats) {
        this.loaders = Objects.requireNonNull(loaders, "loaders");
        this.formats = Map.copyOf(formats);
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        String train = p.string("train");
        String test = p.string("test", null);
        Boolean header = p.has("header") ? p.bool("header", false) : null;
        String idColumn = p.string("id-column", null);
        String labelColumn = p.string("label-column", null);
        Images images = null;
        if (p.has("images")) {
            Parameters q = p.nested("images");
            String loader = q.string("loader");
            TreeSet<String> imageLoaders = new TreeSet<>(loaders.get().keySet());
            imageLoaders.remove("features");
            if (!imageLoaders.contains(loader)) {
                throw q.invalid("loader", "expected the loader of an image dataset, one of " + imageLoaders
                        + ", found '" + loader + "'");
            }
            String path = q.string("path", null);
            Map<String, Object> rest = new LinkedHashMap<>(q.asMap());
            rest.remove("loader");
            rest.remove("path");
            images = new Images(loader, new LoaderOptions(path == null ? null : Path.of(path), false,
                    Parameters.of(q.path(), rest)));
            if (labelColumn != null) {
                throw p.invalid("label-column", "the labels come from the images dataset; drop label-column or images");
            }
        }
        p.requireAllUsed();
        return load(options.path(), new Options(train, test, header, idColumn, labelColumn, images));
    }

    /**
     * Reads the feature files of {@code options}, relative to {@code folder} when it is not {@code null}.
     *
     * @throws NoSuchFileException if a feature file is missing
     * @throws DatasetFormatException if a file is not a finite float matrix, or its rows do not match
     *         the images' (file, position and what was expected)
     */
    public DatasetSplits load(Path folder, Options options) throws IOException {
        DatasetSplits images = null;
        if (options.images() != null) {
            DatasetLoader loader = loaders.get().get(options.images().loader());
            if (loader == null) {
                throw new OptionException("images.loader", "no loader named '" + options.images().loader() + "'");
            }
            images = loader.load(options.images().options());
        }
        Dataset train = split("train", resolve(folder, options.train()), options, images == null ? null : images.train());
        Dataset test = null;
        if (options.test() != null) {
            Dataset imageTest = null;
            if (images != null) {
                imageTest = images.testSplit().orElseThrow(() -> new OptionException("test", "the images dataset '"
                        + options.images().loader() + "' has no test split to align " + options.test() + " with"));
            }
            test = split("test", resolve(folder, options.test()), options, imageTest);
        }
        return new DatasetSplits(train, test);
    }

    private Path resolve(Path folder, String file) throws NoSuchFileException {
        Path p = folder == null ? Path.of(file) : folder.resolve(file);
        boolean folderOfParts = formats.containsKey(FeatureTable.extension(p.getFileName().toString()))
                && Files.isDirectory(p);
        if (!Files.isRegularFile(p) && !folderOfParts) {
            throw new NoSuchFileException(p.toString(), null, "no such features file (the features loader reads "
                    + "train and test relative to the dataset's path)");
        }
        return p;
    }

    private Dataset split(String split, Path file, Options options, Dataset images) throws IOException {
        FeatureTable table = FeatureTable.read(file, new FeatureTable.CsvOptions(options.header(), options.idColumn(),
                options.labelColumn()), formats);
        List<SourceFile> sources = new ArrayList<>(sourcesOf(file));
        String name = "features/" + split;
        if (images == null) {
            if (table.labels() == null) {
                return new Dataset(name, table.features(), null, List.of(), null, sources);
            }
            int max = 0;
            for (int l : table.labels()) {
                max = Math.max(max, l);
            }
            List<String> classNames = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                classNames.add(Integer.toString(c));
            }
            return new Dataset(name, table.features(), table.labels(), classNames, null, sources);
        }
        sources.addAll(images.sources());
        int[] rows = table.ids() != null ? imageRows(file, table.ids(), images, split)
                : orderRows(file, table.rows(), images, split);
        Dataset aligned = images.select(rows);
        Dataset.Images pictures = aligned.pictures().orElse(null);
        return new Dataset(name, table.features(), aligned.labels(), aligned.classNames(), null, sources, pictures);
    }

    /** The file, or every file of a folder of part files in name order, with its hash. */
    private static List<SourceFile> sourcesOf(Path file) throws IOException {
        List<Path> files;
        if (Files.isDirectory(file)) {
            try (var listing = Files.list(file)) {
                files = listing.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(file);
        }
        List<SourceFile> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new SourceFile(f.toString(), Sha256.hex(f), Files.size(f)));
        }
        return out;
    }

    /** Row i of the features is image row i: the counts must agree. */
    private static int[] orderRows(Path file, int rows, Dataset images, String split) throws DatasetFormatException {
        if (rows != images.size()) {
            throw new DatasetFormatException(file.toString(), -1, "expected one row per image of the images' " + split
                    + " split (" + images.name() + ", " + images.size() + " rows" + from(images) + "), found " + rows
                    + " rows; rows are matched by order, or give an id-column of image row indices");
        }
        int[] identity = new int[rows];
        for (int i = 0; i < rows; i++) {
            identity[i] = i;
        }
        return identity;
    }

    /** Row i of the features is image row ids[i]: each a row of the images, at most once. */
    private static int[] imageRows(Path file, int[] ids, Dataset images, String split) throws DatasetFormatException {
        int[] firstLine = new int[images.size()];
        for (int r = 0; r < ids.length; r++) {
            int line = r + 2; // an id column needs a header line
            if (ids[r] >= images.size()) {
                throw new DatasetFormatException(file.toString(), -1, "line " + line + ": id " + ids[r]
                        + " is not a row of the images' " + split + " split (" + images.name() + ", rows 0.."
                        + (images.size() - 1) + from(images) + ")");
            }
            if (firstLine[ids[r]] != 0) {
                throw new DatasetFormatException(file.toString(), -1, "line " + line + ": id " + ids[r]
                        + " was already given on line " + firstLine[ids[r]] + "; each image can have one row");
            }
            firstLine[ids[r]] = line;
        }
        return ids.clone();
    }

    private static String from(Dataset images) {
        return images.sources().isEmpty() ? "" : ", from " + images.sources().get(0).path();
    }
}
