package org.imageclustering.spark;

import java.io.PrintStream;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.imageclustering.spark.data.ParquetConversion;
import org.imageclustering.spark.kmeans.SparkPasses;

/**
 * The command line on Spark: the local runner's command ({@link Main}) with k-means on a Spark
 * cluster. Same experiment files, results folders, run ids and numbers.
 *
 * <ul>
 *   <li>{@code mvn -q compile exec:java -Dconfig=configs/quickstart.yaml -Dmaster=local[2]}
 *       (any master URL: {@code spark://host:7077}, {@code yarn}, {@code k8s://...});</li>
 *   <li>{@code spark-submit --class org.imageclustering.spark.SparkMain <jar> --config <file>
 *       [--set ...] [--partitions N] [--fresh] [--dry-run]}.</li>
 * </ul>
 * {@code -Dconvert=<out>} (or {@code --convert <out>}) with {@code -Dconfig} writes the experiment's
 * dataset as Parquet for {@code loader: parquet} instead of running it ({@link ParquetConversion}).
 * {@code -Dpartitions} (or {@code --partitions}) sets how many blocks the data is cut into, by
 * default twice Spark's default parallelism; it changes the speed, never the results. Every other
 * property is the local command's ({@code -Dset}, {@code -Dfresh}, {@code -DdryRun}, {@code -Dreport}, ...).
 */
public final class SparkMain {
    /** The JVM options the executors need for the Vector API kernels (Spark 4 adds them itself; 3.5 does not). */
    static final String EXECUTOR_JAVA_OPTIONS = "--add-modules=jdk.incubator.vector";

    private SparkMain() {
    }

    public static void main(String[] args) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        try {
            readArguments(args, props);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(Main.BAD_CONFIGURATION);
        }
        int code = run(props, System.out, System.err);
        System.out.flush();
        if (code != Main.OK) {
            System.exit(code);
        }
    }

    /** spark-submit's arguments ({@code --config f --set s --partitions n --fresh --dry-run --convert out}) as the properties of the Maven command. */
    static void readArguments(String[] args, Properties props) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = switch (a) {
                case "--config" -> "config";
                case "--set" -> "set";
                case "--partitions" -> "partitions";
                case "--report" -> "report";
                case "--run" -> "run";
                case "--fresh" -> "fresh";
                case "--dry-run" -> "dryRun";
                case "--trace" -> "trace";
                case "--convert" -> "convert";
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; expected --config <file>, "
                        + "--set <overrides>, --partitions <n>, --fresh, --dry-run, --report <folder>, --run <run id>, "
                        + "--convert <output> or --trace");
            };
            if (key.equals("fresh") || key.equals("dryRun") || key.equals("trace")) {
                props.setProperty(key, "true");
            } else if (i + 1 < args.length) {
                props.setProperty(key, args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
    }

    /** Runs the command {@code props} describe on Spark and returns its exit code; never throws. */
    public static int run(Properties props, PrintStream out, PrintStream err) {
        int partitions;
        try {
            partitions = partitions(props.getProperty("partitions"));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_CONFIGURATION;
        }
        if (props.getProperty("report") != null || props.getProperty("compare") != null) {
            // Reading results needs no cluster.
            return Main.run(props, false, out, err, new ExperimentsModule());
        }
        if (props.getProperty("convert") != null) {
            return ParquetConversion.run(props, out, err, () -> session(props));
        }
        SparkSession session;
        try {
            session = session(props);
        } catch (RuntimeException e) {
            err.println("error: cannot start Spark" + (props.getProperty("master") == null ? ""
                    : " with master " + props.getProperty("master")) + ": " + e.getMessage());
            return Main.RUN_FAILED;
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        int blocks = partitions > 0 ? partitions : 2 * sc.defaultParallelism();
        try (SparkPasses passes = new SparkPasses(sc, blocks)) {
            return Main.run(props, false, out, err, new SparkEngineModule(passes));
        } finally {
            session.stop();
        }
    }

    /** The {@code partitions} property: absent or a positive integer. */
    static int partitions(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("-Dpartitions: expected a positive integer, found '" + value + "'");
    }

    /**
     * The session: the {@code master} property when given (spark-submit gives its own), every
     * {@code spark.*} property as Spark configuration (the system properties' are read anyway; a
     * caller of {@link #run} passes its own this way), the executors' JVM options for the Vector
     * API unless the user set theirs.
     */
    static SparkSession session(Properties props) {
        String master = props.getProperty("master");
        String config = props.getProperty("config");
        SparkConf conf = new SparkConf(true);
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                conf.set(key, props.getProperty(key));
            }
        }
        if (master != null && !master.isBlank()) {
            conf.setMaster(master.strip());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("imageclustering" + (config == null ? "" : " " + config));
        }
        if (!conf.contains("spark.executor.extraJavaOptions")) {
            conf.set("spark.executor.extraJavaOptions", EXECUTOR_JAVA_OPTIONS);
        }
        // A block's k-means state lives on the executor that holds it: wait a while for that
        // executor rather than replay the block elsewhere (replaying is correct, only slower), but
        // not so long that blocks of a lost executor sit idle (their host may still be preferred).
        conf.setIfMissing("spark.locality.wait", "10s");
        // A pass's partials come back as the tasks' results: keep them in the reply (Spark's
        // default sends results over 1 MB through a second fetch from the executor).
        conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
        conf.setIfMissing("spark.ui.enabled", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
