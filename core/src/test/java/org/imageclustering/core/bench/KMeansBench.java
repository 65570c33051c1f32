package org.imageclustering.core.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.kmeans.ToleranceMode;

/**
 * Our side of the k-means benchmark ({@code bench/kmeans/run.sh} runs it next to scikit-learn).
 *
 * <p>Usage: {@code KMeansBench <out-folder> <repeats> <fashion-mnist-folder> <case>}, where case is
 * {@code fmnist_k10}, {@code fmnist_k50}, {@code cifar_k10} or {@code cifar_k100}, measures one case
 * and writes {@code ours_<case>.json}, the shared starting centroids ({@code start_<case>.npy}), the
 * CIFAR-shaped matrix ({@code cifar_shaped.npy}, once) and our Fashion-MNIST K=10 Lloyd labels;
 * {@code KMeansBench memory <out-folder>} clusters a full-CIFAR-10-sized matrix (60,000 x 3,072)
 * and reports the heap used.
 */
public final class KMeansBench {
    private static final long START_SEED = 42;
    private static final int THREADS = 2;

    private final Path out;
    private final int repeats;
    private final Map<String, List<Double>> results = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private KMeansBench(Path out, int repeats) {
        this.out = out;
        this.repeats = repeats;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length >= 2 && args[0].equals("memory")) {
            memory(Path.of(args[1]));
            return;
        }
        Path out = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        Path fashion = Path.of(args[2]);
        String benchCase = args[3];
        Files.createDirectories(out);
        new KMeansBench(out, repeats).run(fashion, benchCase);
    }

    private void run(Path fashionFolder, String benchCase) throws IOException {
        try (Parallelism p = Parallelism.of(THREADS)) {
            switch (benchCase) {
                case "fmnist_k10", "fmnist_k50" -> fashionCase(BenchData.fashionMnist(fashionFolder, "train"),
                        Integer.parseInt(benchCase.substring(8)), p);
                case "cifar_k10", "cifar_k100" -> {
                    FloatMatrix cifar = BenchData.cifarShaped(50_000, 7);
                    Path npy = out.resolve("cifar_shaped.npy");
                    if (!Files.exists(npy)) {
                        BenchData.writeNpy(cifar, npy);
                    }
                    cifarCase(cifar, Integer.parseInt(benchCase.substring(7)), p);
                }
                default -> throw new IllegalArgumentException("unknown case " + benchCase);
            }
        }
        facts.put("threads", THREADS);
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("processors", Runtime.getRuntime().availableProcessors());
        writeJson(out.resolve("ours_" + benchCase + ".json"));
    }

    private void fashionCase(FloatMatrix x, int k, Parallelism p) throws IOException {
        String c = "fmnist_k" + k;
        // Seeding: warm up once, then time.
        Initializers.kMeansPlusPlus(x, k, START_SEED + 1, p);
        FloatMatrix start = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            start = Initializers.kMeansPlusPlus(x, k, START_SEED, p);
            record(c + ".seed_s", (System.nanoTime() - t0) / 1e9);
            record(c + ".seed_cpu_s", (processCpuNanos() - cpu0) / 1e9);
        }
        BenchData.writeNpy(start, out.resolve("start_" + c + ".npy"));
        KMeansOptions options = KMeansOptions.defaults(k);
        // warm-up; a whole Lloyd fit with the timed fits' options, so that the kernel they use
        // (the row-lane one at small K) is the one compiled
        fit(x, start, options.withVariant(KMeansVariant.LLOYD), p);
        fit(x, start, options.withVariant(KMeansVariant.HAMERLY).withMaxIterations(3), p);
        fit(x, start, options.withVariant(KMeansVariant.ELKAN).withMaxIterations(3), p);
        for (int r = 0; r < repeats; r++) {
            for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                Clustering res = fit(x, start, options.withVariant(v), p);
                double seconds = (System.nanoTime() - t0) / 1e9;
                String name = c + "." + v.yamlName();
                record(name + ".fit_s", seconds);
                record(name + ".fit_cpu_s", (processCpuNanos() - cpu0) / 1e9);
                record(name + ".iter_ms", medianIterationMillis(res.trace()));
                facts.put(name + ".iterations", res.iterations());
                facts.put(name + ".distortion", res.distortion());
                facts.put(name + ".distance_computations", res.diagnostics().get("distance_computations"));
                facts.put(name + ".distance_computations_saved", res.diagnostics().get("distance_computations_saved"));
                if (k == 10 && v == KMeansVariant.LLOYD && r == 0) {
                    writeLabels(res.labels(), out.resolve("labels_" + c + "_lloyd.txt"));
                }
            }
        }
    }

    private void cifarCase(FloatMatrix x, int k, Parallelism p) throws IOException {
        String c = "cifar_k" + k;
        FloatMatrix start = Initializers.randomPoints(x, k, START_SEED);
        BenchData.writeNpy(start, out.resolve("start_" + c + ".npy"));
        int iterations = 5;
        KMeansOptions options = KMeansOptions.defaults(k).withTolerance(0, ToleranceMode.CENTER_SHIFT)
                .withMaxIterations(iterations);
        fit(x, start, options.withVariant(KMeansVariant.LLOYD).withMaxIterations(2), p); // warm-up
        for (int r = 0; r < repeats; r++) {
            for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY}) {
                String name = c + "." + v.yamlName();
                // CPU per iteration as on the scikit-learn side: (fit of up to 5 iterations - fit of 1)
                // / (iterations run - 1).
                long cpu0 = processCpuNanos();
                fit(x, start, options.withVariant(v).withMaxIterations(1), p);
                long cpuOne = processCpuNanos() - cpu0;
                long t0 = System.nanoTime();
                cpu0 = processCpuNanos();
                Clustering res = fit(x, start, options.withVariant(v), p);
                long cpuAll = processCpuNanos() - cpu0;
                record(name + ".fit_s", (System.nanoTime() - t0) / 1e9);
                record(name + ".iter_ms", medianIterationMillis(res.trace()));
                if (res.iterations() > 1) { // a run can stop early when no label changes
                    record(name + ".iter_cpu_ms", (cpuAll - cpuOne) / 1e6 / (res.iterations() - 1));
                }
                facts.put(name + ".iterations", res.iterations());
                facts.put(name + ".distortion", res.distortion());
            }
        }
    }

    private static Clustering fit(FloatMatrix x, FloatMatrix start, KMeansOptions options, Parallelism p) {
        return new KMeans(options).fitFrom(x, start, new FitContext(1, p, FitListener.NONE));
    }

    /** CPU time of the whole process (all threads), which machine load does not inflate. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double medianIterationMillis(List<IterationTrace> trace) {
        double[] ms = trace.stream().mapToDouble(t -> t.nanos() / 1e6).sorted().toArray();
        return ms[ms.length / 2];
    }

    private void record(String key, double value) {
        results.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
        System.out.printf("ours %-36s %10.4f%n", key, value);
    }

    private static void writeLabels(int[] labels, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(labels.length * 2);
        for (int l : labels) {
            sb.append(l).append('\n');
        }
        Files.writeString(file, sb);
    }

    private void writeJson(Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("{\"samples\": {");
            int i = 0;
            for (Map.Entry<String, List<Double>> e : results.entrySet()) {
                w.printf("  \"%s\": %s%s%n", e.getKey(), e.getValue(), ++i < results.size() ? "," : "");
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

    /** Full-CIFAR-10-sized k-means inside whatever heap the JVM was given (the script gives 2 GB). */
    private static void memory(Path out) throws IOException {
        Files.createDirectories(out);
        long max = Runtime.getRuntime().maxMemory();
        FloatMatrix x = BenchData.cifarShaped(60_000, 11);
        StringBuilder report = new StringBuilder();
        report.append(String.format("max heap %.0f MiB, data %.0f MiB%n", max / 1048576.0, x.data().length * 4 / 1048576.0));
        try (Parallelism p = Parallelism.of(THREADS)) {
            for (int k : new int[] {10, 100}) {
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                long t0 = System.nanoTime();
                KMeansOptions options = KMeansOptions.defaults(k).withMaxIterations(k == 10 ? 300 : 10)
                        .withInit(org.imageclustering.core.kmeans.Initialization.KMEANS_PARALLEL);
                Clustering c = new KMeans(options).fit(x, new FitContext(3, p, FitListener.NONE));
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                report.append(String.format("60000 x 3072, K=%d (k-means||, %s, %d iterations, %s): %.1f s, "
                                + "peak heap (sum of pool peaks) %.0f MiB%n", k, c.diagnostics().get("variant"),
                        c.iterations(), c.stopReason(), (System.nanoTime() - t0) / 1e9, peak / 1048576.0));
            }
        }
        System.out.print(report);
        Files.writeString(out.resolve("memory.txt"), report);
    }
}
