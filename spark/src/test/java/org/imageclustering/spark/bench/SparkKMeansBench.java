package org.imageclustering.spark.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.kmeans.AssignmentPasses;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.kmeans.ToleranceMode;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.imageclustering.spark.kmeans.SparkPasses;

/**
 * Our k-means on Spark against MLlib's, and against our local engine, in one JVM on one
 * {@code local[2]} session, from the same k-means++ start ({@code bench/spark/run.sh} runs it).
 *
 * <p>Usage: {@code SparkKMeansBench <out-folder> <rounds> <fashion-mnist-folder> <iterations> <partitions> <k>...}.
 * For each K and round, in this order: our local engine (2 threads) and ours on Spark, each with
 * variants {@code lloyd} and {@code auto}, then MLlib's RDD k-means (the one MLlib API that takes
 * starting centres; {@code ml.clustering.KMeans} runs the same code for a vector column). Every
 * side is timed for a fit of 1 iteration and one of {@code 1 + iterations} iterations, tolerance 0;
 * its ms per iteration is the difference over {@code iterations}, so set-up and the final
 * assignment are not charged. Our fits also give their trace's median iteration. Writes
 * {@code results.json} and {@code summary.md} to the out folder.
 */
public final class SparkKMeansBench {
    private static final long START_SEED = 42;
    private static final int LOCAL_THREADS = 2;
    private static final String[] SIDES = {"local-lloyd", "spark-lloyd", "local-auto", "spark-auto", "mllib"};

    private final JavaSparkContext sc;
    private final FloatMatrix x;
    private final JavaRDD<Vector> rows;
    private final SparkPasses passes;
    private final Parallelism threads;
    private final JobTimer jobs;
    private final int iterations;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private SparkKMeansBench(JavaSparkContext sc, FloatMatrix x, int partitions, int iterations, Parallelism threads,
                             JobTimer jobs) {
        this.sc = sc;
        this.x = x;
        this.iterations = iterations;
        this.threads = threads;
        this.jobs = jobs;
        this.passes = new SparkPasses(sc, partitions);
        long t0 = System.nanoTime();
        this.rows = mllibRows(sc, x, partitions);
        facts.put("mllib_cache_s", (System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: SparkKMeansBench <out-folder> <rounds> <fashion-mnist-folder> "
                    + "<iterations> <partitions> <k>...");
        }
        Path out = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path fashion = Path.of(args[2]);
        int iterations = Integer.parseInt(args[3]);
        int partitions = Integer.parseInt(args[4]);
        int[] ks = Arrays.stream(args, 5, args.length).mapToInt(Integer::parseInt).toArray();
        Files.createDirectories(out);
        FloatMatrix x = new FashionMnistLoader().load(fashion, false).train().features();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkKMeansBench")
                .config("spark.ui.enabled", "false").getOrCreate();
        try (Parallelism threads = Parallelism.of(LOCAL_THREADS)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            sc.setLogLevel("WARN");
            JobTimer jobs = new JobTimer();
            sc.sc().addSparkListener(jobs);
            SparkKMeansBench bench = new SparkKMeansBench(sc, x, partitions, iterations, threads, jobs);
            bench.facts.put("rows", x.rows());
            bench.facts.put("cols", x.cols());
            bench.facts.put("iterations", iterations);
            bench.facts.put("partitions", partitions);
            bench.facts.put("rounds", rounds);
            bench.facts.put("spark", spark.version());
            bench.facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            bench.run(ks, rounds);
            bench.writeJson(out.resolve("results.json"));
            bench.writeSummary(out.resolve("summary.md"), ks);
        } finally {
            spark.stop();
        }
    }

    private void run(int[] ks, int rounds) {
        Map<Integer, FloatMatrix> starts = new LinkedHashMap<>();
        for (int k : ks) {
            starts.put(k, Initializers.kMeansPlusPlus(x, k, START_SEED, threads));
            for (String side : SIDES) { // warm-up: the JIT, and the data's blocks on the executors
                fit(side, k, starts.get(k), 3);
            }
            oracle(k, starts.get(k));
        }
        for (int r = 0; r < rounds; r++) {
            for (int k : ks) {
                for (String side : SIDES) {
                    String key = "k" + k + "." + side;
                    Timed one = fit(side, k, starts.get(k), 1);
                    Timed many = fit(side, k, starts.get(k), 1 + iterations);
                    record(key + ".iter_ms", (many.seconds() - one.seconds()) * 1e3 / iterations);
                    if (many.traceMedianMs() >= 0) {
                        record(key + ".trace_iter_ms", many.traceMedianMs());
                        record(key + ".pass_ms", many.passMedianMs());
                    }
                    if (side.startsWith("spark")) {
                        record(key + ".job_ms", many.jobs().medianJobMs());
                        record(key + ".task_ms", many.jobs().medianLongestTaskMs());
                        record(key + ".result_kb", many.jobs().medianResultBytes() / 1024.0);
                    }
                }
                System.out.printf("round %d, K=%d done; load %s%n", r + 1, k, load());
            }
        }
    }

    /**
     * From the same start, after {@code iterations}: MLlib's cost of its last assignment against
     * our trace's, and how many of our labels MLlib's model predicts otherwise.
     */
    private void oracle(int k, FloatMatrix start) {
        KMeansOptions options = options(k, 1 + iterations).withVariant(KMeansVariant.LLOYD);
        Clustering ours = new KMeans(options, () -> passes).fitFrom(x, start, context());
        KMeansModel theirs = mllib(k, start, 1 + iterations);
        double oursCost = ours.trace().get(iterations).distortion();
        facts.put("k" + k + ".oracle.relative_cost_difference", Math.abs(oursCost - theirs.trainingCost())
                / theirs.trainingCost());
        List<Integer> predicted = theirs.predict(rows).collect();
        int differ = 0;
        for (int i = 0; i < predicted.size(); i++) {
            differ += predicted.get(i) == ours.labels()[i] ? 0 : 1;
        }
        facts.put("k" + k + ".oracle.labels_differing", differ);
        facts.put("k" + k + ".oracle.iterations", theirs.numIter());
        facts.put("k" + k + ".auto_variant", new KMeans(options(k, 1)).fitFrom(x, start, context()).diagnostics()
                .get("variant"));
    }

    private Timed fit(String side, int k, FloatMatrix start, int maxIterations) {
        KMeansOptions options = options(k, maxIterations);
        KMeansVariant variant = side.endsWith("lloyd") ? KMeansVariant.LLOYD : KMeansVariant.AUTO;
        jobs.reset();
        long t0 = System.nanoTime();
        double traceMs = -1;
        TimedPasses timed = null;
        if (side.equals("mllib")) {
            mllib(k, start, maxIterations);
        } else {
            // the local engine as KMeans(options) makes it, a fresh factory per fit
            timed = new TimedPasses(side.startsWith("spark") ? passes : AssignmentPasses.local());
            TimedPasses factory = timed;
            KMeans kmeans = new KMeans(options.withVariant(variant), () -> factory);
            traceMs = medianMs(kmeans.fitFrom(x, start, context()).trace());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timed(seconds, traceMs, timed == null ? Double.NaN : timed.medianPassMs(), jobs.snapshot(sc.sc()));
    }

    private KMeansModel mllib(int k, FloatMatrix start, int maxIterations) {
        return new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(maxIterations).setEpsilon(0)
                .setInitialModel(new KMeansModel(vectors(start))).run(rows.rdd());
    }

    private static KMeansOptions options(int k, int maxIterations) {
        return KMeansOptions.defaults(k).withTolerance(0, ToleranceMode.CENTER_SHIFT).withMaxIterations(maxIterations);
    }

    /** The driver combines the partials with as many threads as the local engine uses. */
    private FitContext context() {
        return new FitContext(1, threads, FitListener.NONE);
    }

    /**
     * One fit's wall time, its trace's median iteration (-1 for MLlib), the median time of its
     * engine's pass calls (NaN for MLlib) and the Spark jobs it ran.
     */
    private record Timed(double seconds, double traceMedianMs, double passMedianMs, JobTimer.Snapshot jobs) {
    }

    private static double medianMs(List<IterationTrace> trace) {
        double[] ms = trace.stream().mapToDouble(t -> t.nanos() / 1e6).sorted().toArray();
        return ms[ms.length / 2];
    }

    /**
     * {@code m} as MLlib's cached input, in row order. Made from per-partition broadcasts, not by
     * {@code parallelize} of the rows: a parallelized partition carries its rows, and Spark would
     * ship them with every task of every job even once the RDD is cached.
     */
    private static JavaRDD<Vector> mllibRows(JavaSparkContext sc, FloatMatrix m, int partitions) {
        int d = m.cols();
        List<Broadcast<float[]>> blocks = new ArrayList<>(partitions);
        for (int b = 0; b < partitions; b++) {
            int from = (int) ((long) m.rows() * b / partitions);
            int to = (int) ((long) m.rows() * (b + 1) / partitions);
            blocks.add(sc.broadcast(Arrays.copyOfRange(m.data(), from * d, to * d)));
        }
        JavaRDD<Vector> rows = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(b -> {
                    float[] values = blocks.get(b).value();
                    List<Vector> out = new ArrayList<>(values.length / d);
                    for (int at = 0; at < values.length; at += d) {
                        double[] row = new double[d];
                        for (int j = 0; j < d; j++) {
                            row[j] = values[at + j];
                        }
                        out.add(Vectors.dense(row));
                    }
                    return out.iterator();
                }).cache();
        rows.count();
        return rows;
    }

    private static List<Vector> vectors(FloatMatrix m) {
        List<Vector> out = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            float[] row = m.row(i);
            double[] values = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                values[j] = row[j];
            }
            out.add(Vectors.dense(values));
        }
        return out;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private void record(String key, double value) {
        samples.computeIfAbsent(key, s -> new ArrayList<>()).add(value);
        System.out.printf("%-36s %10.2f%n", key, value);
    }

    private double median(String key) {
        List<Double> v = samples.get(key);
        if (v == null) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private void writeSummary(Path file, int[] ks) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.printf("Fashion-MNIST train %d x %d, local[2], %d partitions, %d iterations from the same k-means++ start, "
                    + "tolerance 0; medians of %s rounds (ms per iteration = (fit of 1 + %d iterations - fit of 1) / %d)%n%n",
                    x.rows(), x.cols(), facts.get("partitions"), iterations, facts.get("rounds"), iterations, iterations);
            w.println("| K | variant | local ms/iter | Spark ms/iter | Spark - local | MLlib ms/iter | MLlib / Spark "
                    + "| partials KB per pass |");
            w.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (int k : ks) {
                double mllib = median("k" + k + ".mllib.iter_ms");
                for (String v : new String[] {"lloyd", "auto"}) {
                    String variant = v.equals("auto") ? "auto (" + facts.get("k" + k + ".auto_variant") + ")" : v;
                    double local = median("k" + k + ".local-" + v + ".iter_ms");
                    double spark = median("k" + k + ".spark-" + v + ".iter_ms");
                    w.printf("| %d | %s | %.1f | %.1f | %.1f | %.1f | %.1fx | %.0f |%n", k, variant, local, spark,
                            spark - local, mllib, mllib / spark, median("k" + k + ".spark-" + v + ".result_kb"));
                }
            }
            w.println();
            w.println("Where an iteration's time goes (medians of the timed fits' iterations, ms): the trace's iteration, "
                    + "the engine's pass call (on Spark: centres broadcast, job, partials collected and put in place), "
                    + "the rest of the iteration on the driver (combining the partials, update), and on Spark the job "
                    + "as Spark times it and its longest task.");
            w.println();
            w.println("| K | variant | engine | iteration | pass call | driver rest | Spark job | longest task |");
            w.println("|---|---|---|---:|---:|---:|---:|---:|");
            for (int k : ks) {
                for (String v : new String[] {"lloyd", "auto"}) {
                    for (String engine : new String[] {"local", "spark"}) {
                        String key = "k" + k + "." + engine + "-" + v;
                        double it = median(key + ".trace_iter_ms");
                        double pass = median(key + ".pass_ms");
                        w.printf("| %d | %s | %s | %.1f | %.1f | %.1f | %s | %s |%n", k, v, engine, it, pass, it - pass,
                                engine.equals("spark") ? String.format("%.1f", median(key + ".job_ms")) : "",
                                engine.equals("spark") ? String.format("%.1f", median(key + ".task_ms")) : "");
                    }
                }
            }
            w.println();
            for (int k : ks) {
                w.printf("K=%d oracle after %d iterations (ours lloyd on Spark vs MLlib): relative cost difference %.2e, "
                        + "labels differing %s of %d%n", k, 1 + iterations,
                        facts.get("k" + k + ".oracle.relative_cost_difference"),
                        facts.get("k" + k + ".oracle.labels_differing"), x.rows());
            }
        }
        System.out.print(Files.readString(file));
    }

    private void writeJson(Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("{\"samples\": {");
            int i = 0;
            for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
                w.printf("  \"%s\": %s%s%n", e.getKey(), e.getValue(), ++i < samples.size() ? "," : "");
            }
            w.println("}, \"facts\": {");
            i = 0;
            for (Map.Entry<String, Object> e : facts.entrySet()) {
                Object v = e.getValue();
                String s = v instanceof Number ? v.toString() : "\"" + v + "\"";
                w.printf("  \"%s\": %s%s%n", e.getKey(), s, ++i < facts.size() ? "," : "");
            }
            w.println("}}");
        }
    }
}
