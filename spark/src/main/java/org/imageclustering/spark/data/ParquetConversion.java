package org.imageclustering.spark.data;

import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.OptionException;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.imageclustering.experiments.run.Registry;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.DatasetSpec;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * The {@code -Dconvert=<out>} command ({@code --convert <out>} under spark-submit): loads the
 * dataset of the experiment file {@code -Dconfig} on the driver with its loader (every split it
 * has, all rows: {@code limit} is applied when the converted data is read) and writes it with
 * Spark as Parquet ({@link ParquetDatasetWriter}) to {@code out}, any Hadoop location. An existing
 * output is refused unless {@code -Dfresh}. Exit codes as the experiment command's: 2 for a bad
 * command line, experiment file, dataset or output, 1 when Spark or the file system fails.
 */
public final class ParquetConversion {
    private static final Logger LOG = LogManager.getLogger(ParquetConversion.class);

    private ParquetConversion() {
    }

    /** Runs the conversion {@code props} describe and returns its exit code; never throws. */
    public static int run(Properties props, PrintStream out, PrintStream err, Supplier<SparkSession> sessions) {
        boolean trace = flag(props, "trace");
        String target = props.getProperty("convert", "").strip();
        if (target.isEmpty()) {
            err.println("error: -Dconvert needs the output folder (any Hadoop URI), e.g. "
                    + "-Dconvert=target/fashion-mnist.parquet");
            return Main.BAD_CONFIGURATION;
        }
        String config = props.getProperty("config");
        if (config == null || config.isBlank()) {
            err.println("error: -Dconvert needs -Dconfig=<experiment file> naming the dataset to convert");
            return Main.BAD_CONFIGURATION;
        }
        DatasetSpec spec;
        ExperimentFile file;
        Registry registry;
        try {
            // the Spark engine's loaders, so that a converted dataset can be converted again (re-cut, moved)
            registry = Guice.createInjector(new ExperimentsModule(), ParquetLoader::register).getInstance(Registry.class);
            file = ExperimentFile.read(java.nio.file.Path.of(config), props.getProperty("set"), registry.catalog());
            if (file.spec().datasets().size() != 1) {
                err.println("error: " + config + " has " + file.spec().datasets().size() + " datasets ("
                        + String.join(", ", file.spec().datasets().stream().map(DatasetSpec::name).toList())
                        + "); -Dconvert writes one: give an experiment file with a single dataset");
                return Main.BAD_CONFIGURATION;
            }
            spec = file.spec().datasets().get(0);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            printTrace(trace, e, err);
            return Main.BAD_CONFIGURATION;
        }

        SparkSession session;
        try {
            session = sessions.get();
        } catch (RuntimeException e) {
            err.println("error: cannot start Spark: " + e.getMessage());
            printTrace(trace, e, err);
            return Main.RUN_FAILED;
        }
        try {
            long t0 = System.nanoTime();
            DatasetSplits splits = load(registry, file, spec);
            LOG.info("Loaded {} with the {} loader in {} s", spec.name(), spec.loader(), seconds(t0));
            ConvertedDataset info = ParquetDatasetWriter.write(session, splits, spec.name(), spec.loader(), spec.raw(),
                    new org.apache.hadoop.fs.Path(target), flag(props, "fresh"));
            StringBuilder rows = new StringBuilder();
            for (ConvertedDataset.Split s : info.splits()) {
                rows.append(rows.isEmpty() ? "" : ", ").append(s.split()).append(' ').append(s.rows());
            }
            out.println("Converted dataset '" + spec.name() + "' (" + rows + " rows x " + info.splits().get(0).features()
                    + " features) to " + qualified(session, target) + " in "
                    + seconds(t0) + " s; read it with "
                    + "`loader: parquet` and `path: " + target + "`");
            return Main.OK;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            printTrace(trace, e, err);
            return Main.BAD_CONFIGURATION;
        } catch (FileAlreadyExistsException e) {
            err.println("error: -Dconvert: " + e.getFile() + " " + e.getReason());
            printTrace(trace, e, err);
            return Main.BAD_CONFIGURATION;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot write " + target + ": " + firstLine(e.getMessage()));
            printTrace(trace, e, err);
            return Main.RUN_FAILED;
        } finally {
            session.stop();
        }
    }

    /**
     * The dataset's splits as its loader reads them, with the runner's messages for a missing path,
     * a bad option or a broken file (all bad input, at the dataset block's line).
     */
    private static DatasetSplits load(Registry registry, ExperimentFile file, DatasetSpec spec) throws IOException {
        java.nio.file.Path path = spec.path() == null ? null : java.nio.file.Path.of(spec.path());
        String key = spec.keyPath() + (path != null ? ".path" : ".loader");
        try {
            return registry.loader(spec.loader()).load(new LoaderOptions(path, spec.raw(), spec.loaderParameters()));
        } catch (OptionException e) {
            throw file.locations().error(e);
        } catch (NoSuchFileException e) {
            throw file.locations().error(key, e.getMessage());
        } catch (DatasetFormatException | IllegalArgumentException e) {
            throw new ConfigException(file.locations().at(key), key, "the data is broken: " + e.getMessage(), e);
        }
    }

    private static String qualified(SparkSession session, String target) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(target);
            return p.getFileSystem(session.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (IOException e) {
            return target;
        }
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static boolean flag(Properties props, String name) {
        String v = props.getProperty(name);
        return v != null && (v.isEmpty() || Boolean.parseBoolean(v));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }

    private static void printTrace(boolean trace, Throwable e, PrintStream err) {
        if (trace) {
            e.printStackTrace(err);
        }
    }
}
