package org.imageclustering.spark.data;

import com.google.inject.Binder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Sha256;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;

/**
 * Reads a dataset that {@code -Dconvert} wrote ({@code loader: parquet}, {@code path}: the folder,
 * on any Hadoop file system: {@code hdfs://namenode:8020/...}, {@code s3a://bucket/...}, or a local
 * folder) with Spark into the same {@link Dataset}s the original loader gave: rows, labels, class
 * names, splits, image shape and the original files' SHA-256, with the sidecar itself added to the
 * sources (its hash pins the rows, whose own hash is checked on every read).
 *
 * <p>The executors read and check the rows (columns and types, one label per row of a labelled
 * split, as many finite values as the sidecar says) and send them to the driver as flat arrays;
 * the driver puts each row at its id and checks that the ids of each split are exactly 0..n-1. Every
 * problem is a {@link DatasetFormatException} naming the part file or the sidecar, the column and
 * the row. Takes no options of its own; {@code limit} and {@code raw} are the runner's, and {@code
 * raw} must match the conversion.
 */
public final class ParquetLoader implements DatasetLoader {
    /** The loader's name in an experiment file. */
    public static final String NAME = "parquet";

    private final Supplier<SparkSession> sessions;

    /** Reads with {@code sessions.get()}, asked at each load. */
    public ParquetLoader(Supplier<SparkSession> sessions) {
        this.sessions = sessions;
    }

    /** Registers the loader, reading with the active Spark session, under {@value #NAME}. */
    public static void register(Binder binder) {
        ExperimentsModule.loaders(binder).addBinding(NAME).toInstance(new ParquetLoader(SparkSession::active));
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        p.requireAllUsed();
        if (options.path() == null) {
            throw new OptionException(p.keyPath("path"), "the parquet loader needs a path: the folder -Dconvert wrote "
                    + "(any Hadoop URI: hdfs://namenode:8020/..., s3a://bucket/..., or a local folder)");
        }
        return read(sessions.get(), DataLocations.ofDatasetPath(options.path()), options.raw(), p.keyPath("raw"),
                p.keyPath("path"));
    }

    /**
     * Reads the converted dataset at {@code folder}.
     *
     * @param raw     whether stored values (0..255) are asked for; must be what the conversion kept
     * @param rawKey  the key path of {@code raw}, for the message when it does not match
     * @param pathKey the key path of the location, for the message when it is not a converted dataset
     */
    public static DatasetSplits read(SparkSession session, Path folder, boolean raw, String rawKey, String pathKey)
            throws IOException {
        FileSystem fs = folder.getFileSystem(session.sparkContext().hadoopConfiguration());
        Path dir = fs.makeQualified(folder);
        if (!fs.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder; write one with -Dconvert=<folder> "
                    + "-Dconfig=<experiment file with the original dataset>");
        }
        Path sidecarPath = new Path(dir, ParquetLayout.SIDECAR);
        if (!fs.getFileStatus(dir).isDirectory() || !fs.exists(sidecarPath)) {
            throw new OptionException(pathKey, notConverted(fs, dir));
        }
        ConvertedDataset info;
        try (InputStream in = fs.open(sidecarPath)) {
            info = ConvertedDataset.fromJson(in.readAllBytes(), sidecarPath.toString());
        }
        if (raw != info.raw()) {
            throw new OptionException(rawKey, dir + " holds " + (info.raw() ? "the stored values (converted with "
                    + "raw: true); add raw: true" : "values scaled to [0, 1]; remove raw: true, or convert again with "
                    + "raw: true to keep the stored values"));
        }
        org.apache.spark.sql.Dataset<Row> df;
        try {
            df = session.read().parquet(dir.toString());
        } catch (Exception e) { // Spark's AnalysisException, undeclared: no Parquet files, or unreadable ones
            throw new DatasetFormatException(dir.toString(), -1, "Spark cannot read it as Parquet: " + firstLine(e.getMessage())
                    + " (expected the part files -Dconvert writes beside " + ParquetLayout.SIDECAR + ")");
        }
        StructType schema = df.schema();
        ParquetLayout.check(schema, dir.toString());
        boolean nullableValues = ((ArrayType) schema.apply(ParquetLayout.FEATURES).dataType()).containsNull();
        List<ReadBlock.Rules> rules = info.splits().stream().map(s -> new ReadBlock.Rules(s.split(), s.features(),
                s.labelled(), s.classNames().size())).toList();
        List<ReadBlock> blocks = df.select(functions.col(ParquetLayout.ID), functions.col(ParquetLayout.LABEL),
                        functions.col(ParquetLayout.SPLIT), functions.col(ParquetLayout.FEATURES),
                        functions.input_file_name())
                .queryExecution().toRdd().toJavaRDD()
                .mapPartitions(it -> List.of(ReadBlock.read(it, rules, nullableValues)).iterator())
                .collect();
        for (ReadBlock b : blocks) {
            if (b.problem() != null) {
                throw new DatasetFormatException(b.problemFile(), -1, b.problem());
            }
        }
        SourceFile sidecar = sidecarSource(fs, sidecarPath);
        List<Dataset> splits = new ArrayList<>();
        int[] widths = info.splits().stream().mapToInt(ConvertedDataset.Split::features).toArray();
        for (int s = 0; s < info.splits().size(); s++) {
            splits.add(assemble(info.splits().get(s), s, widths, blocks, sidecar, sidecarPath.toString()));
        }
        return new DatasetSplits(splits.get(0), splits.size() > 1 ? splits.get(1) : null);
    }

    /** Split {@code s}'s rows from every block, each at its id, checked against the sidecar. */
    private static Dataset assemble(ConvertedDataset.Split split, int s, int[] widths, List<ReadBlock> blocks,
                                    SourceFile sidecar,
                                    String sidecarFile) throws DatasetFormatException {
        int n = split.rows();
        int d = split.features();
        float[] values = new float[Math.multiplyExact(n, d)];
        int[] labels = split.labelled() ? new int[n] : null;
        String[] fileOfId = new String[n];
        for (ReadBlock b : blocks) {
            int end = 0; // a block's rows of every split lie one after the other, each as wide as its split
            for (int r = 0; r < b.rows(); r++) {
                int at = end;
                end += widths[b.splitOfRow()[r]];
                if (b.splitOfRow()[r] != s) {
                    continue;
                }
                long id = b.ids()[r];
                String file = b.files().get(b.fileOfRow()[r]);
                String where = "row " + id + " of split '" + split.split() + "'";
                if (id < 0 || id >= n) {
                    throw new DatasetFormatException(file, -1, where + ": column 'id' is " + id + ", outside 0.." + (n - 1)
                            + " (" + ParquetLayout.SIDECAR + " says the split has " + n + " rows)");
                }
                if (fileOfId[(int) id] != null) {
                    throw new DatasetFormatException(file, -1, where + ": id " + id + " appears twice (also in "
                            + fileOfId[(int) id] + "); each split's ids must be 0.." + (n - 1) + ", once each");
                }
                fileOfId[(int) id] = file;
                System.arraycopy(b.values(), at, values, (int) id * d, d);
                if (labels != null) {
                    labels[(int) id] = b.labels()[r];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (fileOfId[i] == null) {
                throw new DatasetFormatException(sidecarFile, -1, "split '" + split.split() + "' has no row with id " + i
                        + " (the sidecar says it has " + n + " rows, ids 0.." + (n - 1) + "); a part file is missing?");
            }
        }
        FloatMatrix features = FloatMatrix.wrap(n, d, values);
        if (!RowsHash.of(features, labels).equals(split.rowsSha256())) {
            throw new DatasetFormatException(sidecarFile, -1, "the rows of split '" + split.split() + "' do not match "
                    + "the rowsSha256 recorded at conversion: part files were changed, or come from another conversion; "
                    + "convert again");
        }
        List<SourceFile> sources = new ArrayList<>(split.sources());
        sources.add(sidecar);
        return new Dataset(split.name(), features, labels, split.classNames(), split.shape(), sources);
    }

    /** The sidecar as a source: its hash stands for the rows, whose own hash it records. */
    private static SourceFile sidecarSource(FileSystem fs, Path sidecar) throws IOException {
        try (InputStream in = fs.open(sidecar)) {
            byte[] bytes = in.readAllBytes();
            return new SourceFile(sidecar.toString(), Sha256.hex(bytes), bytes.length);
        }
    }

    /**
     * Why a location is not a converted dataset, pointing an IDX or CIFAR folder at {@code -Dconvert}:
     * IDX cannot be read by executors directly, since its header breaks the fixed-length record
     * alignment that splitting a file between tasks needs.
     */
    private static String notConverted(FileSystem fs, Path dir) throws IOException {
        FileStatus status = fs.getFileStatus(dir);
        List<String> names = new ArrayList<>();
        if (status.isDirectory()) {
            for (FileStatus f : fs.listStatus(dir)) {
                names.add(f.getPath().getName());
            }
        } else {
            names.add(dir.getName());
        }
        names.sort(null);
        List<String> idx = names.stream().filter(ParquetLoader::isIdx).toList();
        String convert = " Convert it once with the loader that reads it: -Dconvert=<output folder> "
                + "-Dconfig=<experiment file whose dataset reads " + dir + ">, then give that output folder as the path of "
                + "`loader: parquet`.";
        if (!idx.isEmpty()) {
            return dir + " holds IDX files (" + String.join(", ", idx) + "), which Spark executors cannot read directly: "
                    + "an IDX file's header breaks the fixed-length record alignment that splitting it between tasks "
                    + "needs." + convert;
        }
        List<String> cifar = names.stream().filter(n -> n.matches("(data|test)_batch(_\\d+)?(\\.bin)?|train|test")
                || n.toLowerCase(Locale.ROOT).startsWith("cifar-")).toList();
        if (!cifar.isEmpty()) {
            return dir + " holds CIFAR files (" + String.join(", ", cifar) + "), not a converted dataset." + convert;
        }
        return dir + (status.isDirectory() ? " has no " + ParquetLayout.SIDECAR : " is a file, not a folder with "
                + ParquetLayout.SIDECAR) + ": it is not a dataset written by -Dconvert, or its conversion did not finish "
                + "(the sidecar is written last)" + (names.isEmpty() ? "" : "; found " + String.join(", ",
                names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "")) + "." + convert;
    }

    private static boolean isIdx(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("idx1-ubyte") || n.contains("idx3-ubyte") || n.contains(".idx1") || n.contains(".idx3")
                || n.endsWith(".idx") || n.endsWith(".idx.gz");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
