package org.imageclustering.experiments.run;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.experiments.Registry;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.AlgorithmSpec;
import org.imageclustering.experiments.spec.Canonical;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.experiments.spec.FeatureSetSpec;
import org.imageclustering.experiments.spec.SpecLocations;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.transform.Pictures;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.reporting.Metrics;
import org.imageclustering.reporting.Reports;
import org.imageclustering.reporting.RunArtifacts;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;

/**
 * Runs an experiment: validates it against the registered components, loads and transforms each
 * dataset once, fits and scores every run of the plan that has not finished yet, writes each
 * finished run at once, and ends with the reports and the summary table.
 *
 * <p>Guarantees: a kill at any moment loses at most the runs in progress (each finished run is one
 * durable line of {@code runs.jsonl}); a rerun of the same configuration resumes, skipping finished
 * runs; a different configuration in the same folder is refused unless {@code fresh}; a failed run
 * is recorded and the others continue; results do not depend on {@code parallel-runs} or
 * {@code threads}.
 */
public final class ExperimentRunner {
    /** The run records file inside an experiment folder. */
    public static final String RUNS_FILE = RunLog.FILE_NAME;
    private static final Logger LOG = LogManager.getLogger(ExperimentRunner.class);

    private final Registry registry;

    /**
     * How to run.
     *
     * @param fresh   move an existing results folder aside and start over
     * @param dryRun  print the plan and a memory estimate, run nothing
     * @param live    draw a live progress bar (a person at a terminal)
     * @param out     where the plan, the bar and the summary table go
     */
    public record Options(boolean fresh, boolean dryRun, boolean live, PrintStream out) {
        public Options {
            Objects.requireNonNull(out, "out");
        }
    }

    /**
     * What happened.
     *
     * @param folder   the experiment's results folder
     * @param planned  runs in the plan
     * @param skipped  runs found finished and not run again
     * @param ok       runs that finished in this invocation
     * @param failed   runs that failed in this invocation
     */
    public record Outcome(Path folder, int planned, int skipped, int ok, int failed) {
        /** 0 when every run succeeded, 1 when any failed. */
        public int exitCode() {
            return failed > 0 ? 1 : 0;
        }
    }

    @Inject
    public ExperimentRunner(Registry registry) {
        this.registry = registry;
    }

    /** The names an experiment file may use. */
    public Registry registry() {
        return registry;
    }

    /**
     * Runs (or, with {@code dryRun}, plans) the experiment of {@code file}.
     *
     * @throws ConfigException for a configuration problem, before any run starts
     * @throws IOException if data cannot be read or results cannot be written
     */
    public Outcome run(ExperimentFile file, String overrides, Options options) throws IOException {
        ExperimentSpec spec = file.spec();
        RunPlan plan = RunPlan.of(spec);
        checkComponents(plan, file.locations());
        Path dir = Path.of(spec.output(), spec.experiment());
        Path runsFile = dir.resolve(RUNS_FILE);
        checkFolder(dir, spec, options);

        DataCache cache = new DataCache(registry, file.locations());
        if (options.dryRun()) {
            cache.loadAll(plan.runs());
            Set<String> finished = options.fresh() ? Set.of() : finishedIds(runsFile);
            DryRun.print(options.out(), file, plan, cache, finished, dir);
            return new Outcome(dir, plan.size(), (int) plan.runs().stream().filter(r -> finished.contains(r.runId())).count(),
                    0, 0);
        }
        if (options.fresh()) {
            archive(dir);
        }
        boolean newFolder = !Files.exists(dir);
        Files.createDirectories(dir.resolve("logs"));
        try (RunLogging logging = RunLogging.to(dir.resolve("logs").resolve("run.log"))) {
            LOG.info("Experiment {} ({}, spec {}): {} runs into {}", spec.experiment(), file.file(), spec.hash().substring(0, 12),
                    plan.size(), dir);
            try {
                cache.loadAll(plan.runs());
            } catch (ConfigException e) {
                LOG.debug("Not started: {}", e.getMessage());
                if (newFolder) {
                    logging.close();
                    deleteFolderOfLogs(dir); // nothing was run: leave no folder behind for a bad configuration
                }
                throw e;
            }
            if (spec.evaluateOn().contains("test")) {
                plan.runs().stream().filter(r -> cache.splits(r).test() == null).map(r -> r.dataset().name()).distinct()
                        .forEach(name -> LOG.info("Dataset {} has no test split: its runs are scored on train only", name));
            }
            Set<String> finished = finishedIds(runsFile);
            dropFailedRecords(runsFile);
            List<PlannedRun> remaining = plan.remaining(finished);
            int skipped = plan.size() - remaining.size();
            Map<String, DatasetSplits> datasets = new LinkedHashMap<>();
            plan.runs().forEach(r -> datasets.putIfAbsent(r.dataset().name(), cache.splits(r)));
            Manifest manifest = Manifest.start(spec, file.file(), overrides, datasets);
            manifest.continueFrom(Manifest.read(dir));
            manifest.write(dir);
            if (skipped > 0) {
                LOG.info("{} of {} runs already finished in {}; skipping them ({} to run; -Dfresh=true starts over)", skipped,
                        plan.size(), runsFile, remaining.size());
            }
            cache.expect(remaining);
            int[] counts = execute(spec, remaining, cache, dir, options);
            manifest.finish(plan.size(), skipped, counts[0], counts[1]);
            manifest.write(dir);
            Reports.Written written = Reports.writeAll(dir);
            options.out().println();
            options.out().println(written.consoleTable());
            LOG.info("Results in {} ({} ok, {} failed in this invocation, {} skipped as finished)", dir, counts[0], counts[1],
                    skipped);
            if (counts[1] > 0) {
                LOG.error("{} run(s) failed; their messages are in {} and {}", counts[1], runsFile,
                        dir.resolve("logs").resolve("run.log"));
            }
            return new Outcome(dir, plan.size(), skipped, counts[0], counts[1]);
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            logStopped(dir, e);
            throw e;
        }
    }

    /** Records why an experiment stopped, stack trace included, in its log file (the console gets one line). */
    private static void logStopped(Path dir, Throwable e) {
        if (Files.isDirectory(dir.resolve("logs"))) {
            try (RunLogging again = RunLogging.to(dir.resolve("logs").resolve("run.log"))) {
                LOG.debug("Experiment stopped", e);
            }
        }
    }

    /**
     * Runs one run of the plan alone, writing nothing, e.g. to check that a recorded result replays.
     *
     * @throws ConfigException if the plan has no run with this id
     */
    public RunRecord replay(ExperimentFile file, String runId, int threads) throws IOException {
        RunPlan plan = RunPlan.of(file.spec());
        PlannedRun run = plan.run(runId);
        if (run == null) {
            throw new ConfigException(null, "", "the plan of " + file.file() + " has no run '" + runId
                    + "'; -DdryRun=true lists the run ids");
        }
        checkComponents(plan, file.locations());
        DataCache cache = new DataCache(registry, file.locations());
        cache.loadAll(List.of(run));
        try (Parallelism parallel = Parallelism.of(threads)) {
            return attempt(file.spec(), run, cache, parallel, FitListener.NONE, null);
        }
    }

    /** The latest record of {@code runId} in the experiment's results folder, or {@code null}. */
    public RunRecord recorded(ExperimentFile file, String runId) throws IOException {
        Path runsFile = Path.of(file.spec().output(), file.spec().experiment()).resolve(RUNS_FILE);
        if (!Files.exists(runsFile)) {
            return null;
        }
        return latestPerRun(RunLog.in(runsFile.getParent()).readAll()).stream().filter(r -> r.runId().equals(runId))
                .findFirst().orElse(null);
    }

    /** Rebuilds the reports of a results folder from its {@code runs.jsonl} and returns the summary table. */
    public String rebuildReports(Path dir) throws IOException {
        Path runsFile = dir.resolve(RUNS_FILE);
        if (!Files.exists(runsFile)) {
            throw new ConfigException(null, "", dir + " has no " + RUNS_FILE + "; -Dreport expects an experiment's results "
                    + "folder such as results/quickstart");
        }
        return Reports.writeAll(dir).consoleTable();
    }

    /** Every algorithm and transform of the plan can be built from its settings; errors point into the file. */
    private void checkComponents(RunPlan plan, SpecLocations locations) {
        for (AlgorithmSpec a : plan.spec().algorithms()) {
            for (Map<String, Object> point : a.gridPoints()) {
                for (int k : plan.spec().ks()) {
                    try {
                        registry.algorithm(a.algorithm()).create(k, Parameters.of(a.keyPath(), point));
                    } catch (OptionException e) {
                        throw locations.error(e);
                    } catch (IllegalArgumentException e) {
                        throw locations.error(a.keyPath(), e.getMessage() + (a.gridAxes().isEmpty() ? ""
                                : " (at grid point " + point + ", K = " + k + ")"));
                    }
                }
            }
        }
        for (FeatureSetSpec fs : plan.spec().featureSets()) {
            try {
                DataCache.transforms(registry, fs);
            } catch (OptionException e) {
                throw locations.error(e);
            } catch (IllegalArgumentException e) {
                throw locations.error(fs.keyPath(), e.getMessage());
            }
        }
    }

    /** Refuses a folder that holds another configuration's results, unless starting fresh. */
    private static void checkFolder(Path dir, ExperimentSpec spec, Options options) throws IOException {
        Map<String, Object> old = Manifest.read(dir);
        if (old == null) {
            if (Files.exists(dir.resolve(RUNS_FILE)) && !options.fresh()) {
                throw new ConfigException(null, "", dir + " holds a " + RUNS_FILE + " but no " + Manifest.FILE
                        + ", so it cannot be matched to this configuration; rerun with -Dfresh=true to move it aside and "
                        + "start over, or give this experiment another `experiment` name");
            }
            return;
        }
        if (spec.hash().equals(old.get("specHash")) || options.fresh()) {
            return;
        }
        List<String> changed = changedKeys(old.get("spec"), spec.identity());
        throw new ConfigException(null, "", dir + " holds results of a different configuration of experiment '"
                + spec.experiment() + "' (changed: " + String.join(", ", changed) + "). Rerun with -Dfresh=true to move "
                + "those results aside and start over, or change `experiment` (or `output`) to keep both");
    }

    private static List<String> changedKeys(Object oldSpec, Map<String, Object> identity) {
        List<String> changed = new ArrayList<>();
        Map<?, ?> old = oldSpec instanceof Map<?, ?> m ? m : Map.of();
        identity.forEach((key, value) -> {
            if (!Canonical.json(value).equals(Canonical.json(old.get(key)))) {
                changed.add(key);
            }
        });
        return changed.isEmpty() ? List.of("the spec hash") : changed;
    }

    /** Deletes {@code dir} when it holds nothing but {@code logs/run.log}. */
    private static void deleteFolderOfLogs(Path dir) {
        try {
            Path log = dir.resolve("logs").resolve("run.log");
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir.resolve("logs"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.getMessage()); // a folder left behind is harmless
        }
    }

    private static void archive(Path dir) throws IOException {
        if (Files.exists(dir)) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            Path aside = dir.resolveSibling(dir.getFileName() + ".replaced-" + stamp);
            Files.move(dir, aside);
            LOG.info("-Dfresh=true: moved the previous results to {}", aside);
        }
    }

    private Set<String> finishedIds(Path runsFile) throws IOException {
        if (!Files.exists(runsFile)) {
            return Set.of();
        }
        return latestPerRun(RunLog.in(runsFile.getParent()).readAll()).stream().filter(RunRecord::ok).map(RunRecord::runId)
                .collect(Collectors.toSet());
    }

    /**
     * Before failed runs are retried, rewrites {@code runs.jsonl} without their records (to a temporary
     * file, then renamed over it), so every run appears in it exactly once.
     */
    private static void dropFailedRecords(Path runsFile) throws IOException {
        if (!Files.exists(runsFile)) {
            return;
        }
        List<RunRecord> all = RunLog.in(runsFile.getParent()).readAll();
        List<RunRecord> kept = latestPerRun(all).stream().filter(RunRecord::ok).toList();
        if (kept.size() == all.size()) {
            return;
        }
        Path tmp = runsFile.resolveSibling(RUNS_FILE + ".retry.tmp");
        Files.deleteIfExists(tmp);
        RunLog rewritten = new RunLog(tmp);
        kept.forEach(rewritten::append);
        if (kept.isEmpty()) {
            Files.createFile(tmp);
        }
        Files.move(tmp, runsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Retrying {} failed run(s); their records were taken out of {}", all.size() - kept.size(), runsFile);
    }

    /** Runs {@code runs}; returns {ok, failed}. */
    private int[] execute(ExperimentSpec spec, List<PlannedRun> runs, DataCache cache, Path dir, Options options)
            throws IOException {
        RunLog log = RunLog.in(dir);
        RunArtifacts artifacts = new RunArtifacts(dir);
        int parallelRuns = Math.max(1, Math.min(spec.parallelRuns(), runs.size()));
        int threadsPerRun = Math.max(1, spec.effectiveThreads() / parallelRuns);
        Progress progress = new Progress(options.out(), options.live(), runs.size(), parallelRuns);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        BlockingQueue<Parallelism> pools = new ArrayBlockingQueue<>(parallelRuns);
        for (int i = 0; i < parallelRuns; i++) {
            pools.add(Parallelism.of(threadsPerRun));
        }
        ExecutorService executor = parallelRuns == 1 ? null : Executors.newFixedThreadPool(parallelRuns, r -> {
            Thread t = new Thread(r, "experiment-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : runs) {
                RunTask task = () -> {
                    Parallelism parallel = take(pools);
                    try {
                        progress.runStarted(run);
                        RunRecord record;
                        try {
                            record = attempt(spec, run, cache, parallel, progress.listener(run), artifacts);
                        } finally {
                            cache.release(run);
                        }
                        log.append(record);
                        (record.ok() ? ok : failed).incrementAndGet();
                        progress.runFinished(run, record);
                    } finally {
                        pools.add(parallel);
                    }
                };
                if (executor == null) {
                    task.run();
                } else {
                    futures.add(executor.submit(() -> {
                        task.run();
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            progress.finish();
            if (executor != null) {
                executor.shutdownNow();
                awaitTermination(executor);
            }
            pools.forEach(Parallelism::close);
        }
        return new int[] {ok.get(), failed.get()};
    }

    /** A run's work; may fail only in writing its record. */
    @FunctionalInterface
    private interface RunTask {
        void run() throws IOException;
    }

    /** Fits and scores one run; any exception of the run becomes a failed record. */
    private RunRecord attempt(ExperimentSpec spec, PlannedRun run, DataCache cache, Parallelism parallel, FitListener listener,
                              RunArtifacts artifacts) {
        try {
            return fitAndScore(spec, run, cache.prepared(run, parallel), parallel, listener, artifacts);
        } catch (RuntimeException e) {
            LOG.debug("Run {} ({}) failed", run.runId(), run.label(), e);
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
                message = e.getClass().getSimpleName() + ": " + message;
            }
            return new RunRecord(run.runId(), spec.experiment(), run.dataset().name(), featuresLabel(run),
                    run.algorithm().name(), run.parameters(), run.k(), run.seed(), run.seedIndex(), RunRecord.FAILED, message,
                    Map.of(), 0, null, List.of(), Map.of(), 0, Map.of());
        }
    }

    /** Fits, scores and (unless {@code artifacts} is null, as in a replay) saves the run's files. */
    private RunRecord fitAndScore(ExperimentSpec spec, PlannedRun run, PreparedData data, Parallelism parallel,
                                  FitListener listener, RunArtifacts artifacts) {
        ClusteringAlgorithm algorithm = registry.algorithm(run.algorithm().algorithm()).create(run.k(),
                run.algorithmParameters());
        long t0 = System.nanoTime();
        Clustering c = algorithm.fit(data.train().features(), new FitContext(run.fitSeed(), parallel, listener));
        long fitMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, int[]> predictions = new LinkedHashMap<>();
        for (String split : spec.evaluateOn()) {
            Dataset d = "train".equals(split) ? data.train() : data.test();
            if (d == null) {
                continue; // no test split in this dataset: nothing to score there
            }
            int[] predicted = "train".equals(split) ? c.labels() : c.predict(d.features());
            predictions.put(split, predicted);
            MetricInput input = new MetricInput(d.features(), predicted, d.labels(), c.centroids(), run.metricSeed(),
                    parallel);
            Map<String, Double> values = new LinkedHashMap<>();
            // NaN or infinite: the metric does not apply (e.g. one cluster); JSON has no such numbers
            Metrics.scoreAll(registry.metrics(spec.metrics()), input).forEach((name, v) -> {
                if (v != null && Double.isFinite(v)) {
                    values.put(name, v);
                }
            });
            metrics.put(split, values);
        }
        Map<String, String> files = artifacts == null ? Map.of() : saveArtifacts(artifacts, run, data, c, predictions);
        Map<String, Object> diagnostics = new LinkedHashMap<>(c.diagnostics());
        diagnostics.put("train_rows", data.train().size());
        diagnostics.put("features", data.train().features().cols());
        diagnostics.put("fit_seed", run.fitSeed());
        if (!data.chain().steps().isEmpty()) {
            diagnostics.put("transforms", data.chain().summary());
        }
        return new RunRecord(run.runId(), spec.experiment(), run.dataset().name(), featuresLabel(run), run.algorithm().name(),
                run.parameters(), run.k(), run.seed(), run.seedIndex(), RunRecord.OK, null, metrics, c.iterations(),
                c.stopReason().name(), c.trace(), diagnostics, fitMillis, files);
    }

    /** Centroids, labels, contingency tables and pictures of the run, for the report. */
    private static Map<String, String> saveArtifacts(RunArtifacts artifacts, PlannedRun run, PreparedData data, Clustering c,
                                                     Map<String, int[]> predictions) {
        Dataset pixels = data.pixels();
        // centroids as pictures: back through the chain as far as it inverts (all the way for raw pixels)
        Optional<Pictures> pictures = data.chain().toPictures(c.centroids());
        Map<String, String> files = new LinkedHashMap<>(artifacts.saveStandard(run.runId(), data.train().features(), c.labels(),
                c.centroids(), data.train().labels(), data.train().classNames(), pictures.map(Pictures::rows).orElse(null),
                pixels.features(), pictures.map(Pictures::shape).orElse(pixels.shape())));
        int[] testPredicted = predictions.get("test");
        if (testPredicted != null) {
            files.put(RunArtifacts.labelsKey("test"), artifacts.writeLabels(run.runId(), "test", testPredicted));
            if (data.test().labels() != null) {
                files.put(RunArtifacts.contingencyKey("test"), artifacts.writeContingency(run.runId(), "test",
                        data.test().labels(), testPredicted, c.k(), data.test().classNames()));
            }
        }
        return files;
    }

    /** The feature set as reports show it: "" for raw pixels given implicitly, else its name. */
    private static String featuresLabel(PlannedRun run) {
        return run.featureSet().keyPath().isEmpty() ? "" : run.featureSet().name();
    }

    /** The last record of each run id, in the order of their last appearance. */
    static List<RunRecord> latestPerRun(List<RunRecord> records) {
        Map<String, RunRecord> byId = new LinkedHashMap<>();
        for (RunRecord r : records) {
            byId.remove(r.runId());
            byId.put(r.runId(), r);
        }
        return List.copyOf(byId.values());
    }

    private static Parallelism take(BlockingQueue<Parallelism> pools) {
        try {
            return pools.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were executing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
