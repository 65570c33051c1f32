package org.imageclustering.experiments.run;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
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
import org.imageclustering.features.Pictures;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.reporting.AtomicFiles;
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
    /** Opens the record writer of a results folder: its runs.jsonl (tests substitute one that fails like a full disk). */
    private final Function<Path, Consumer<RunRecord>> recordWriters;

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
        this(registry, dir -> RunLog.in(dir)::append);
    }

    /** A runner whose finished runs go to {@code recordWriters.apply(resultsFolder)}. */
    ExperimentRunner(Registry registry, Function<Path, Consumer<RunRecord>> recordWriters) {
        this.registry = registry;
        this.recordWriters = recordWriters;
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
        if (!options.fresh()) {
            checkFolder(dir, plan);
        }

        DataCache cache = new DataCache(registry, file.locations());
        if (options.dryRun()) {
            cache.loadAll(plan.runs());
            Set<String> finished = options.fresh() ? Set.of() : finishedIds(RunLog.in(dir).read());
            DryRun.print(options.out(), file, plan, cache, finished, dir);
            return new Outcome(dir, plan.size(), (int) plan.runs().stream().filter(r -> finished.contains(r.runId())).count(),
                    0, 0);
        }
        // an existing folder is locked before the data loads, so a second invocation is refused at once
        ResultsLock lock = Files.exists(dir) ? ResultsLock.acquire(dir, file.file()) : null;
        ResultsLock replaced = null;
        try (RunLogging.Buffered loadingLog = RunLogging.buffer()) {
            cache.loadAll(plan.runs()); // refusals found here leave nothing behind: nothing was created or moved yet
            if (lock == null && Files.exists(dir)) {
                lock = ResultsLock.acquire(dir, file.file()); // another invocation created it while we loaded
            }
            if (options.fresh() && lock != null) {
                archive(dir);
                lock.folderMoved(); // held until the end: nobody may take the moved folder's lock meanwhile
                replaced = lock;
                lock = null;
            }
            createFolder(dir.resolve("logs"));
            if (lock == null) {
                lock = ResultsLock.acquire(dir, file.file());
            }
            if (!options.fresh()) {
                checkFolder(dir, plan); // again under the lock: another invocation may have finished in it meanwhile
            }
            return runLocked(file, plan, overrides, cache, dir, options, loadingLog);
        } finally {
            if (lock != null) {
                lock.close();
            }
            if (replaced != null) {
                replaced.close();
            }
        }
    }

    /** Runs the experiment in its created and locked folder {@code dir}. */
    private Outcome runLocked(ExperimentFile file, RunPlan plan, String overrides, DataCache cache, Path dir, Options options,
                              RunLogging.Buffered loadingLog) throws IOException {
        ExperimentSpec spec = plan.spec();
        Path runsFile = dir.resolve(RUNS_FILE);
        int leftovers = AtomicFiles.deleteLeftovers(dir);
        try (RunLogging logging = RunLogging.to(dir.resolve("logs").resolve("run.log"), loadingLog)) {
            LOG.info("Experiment {} ({}, spec {}): {} runs into {}", spec.experiment(), file.file(), spec.hash().substring(0, 12),
                    plan.size(), dir);
            if (leftovers > 0) {
                LOG.info("Removed {} temporary file(s) left in {} by an interrupted invocation", leftovers, dir);
            }
            if (spec.evaluateOn().contains("test")) {
                plan.runs().stream().filter(r -> cache.splits(r).test() == null).map(r -> r.dataset().name()).distinct()
                        .forEach(name -> LOG.info("Dataset {} has no test split: its runs are scored on train only", name));
            }
            RunLog.Contents contents = RunLog.in(dir).read();
            contents.skipped().forEach(LOG::warn);
            Set<String> finished = finishedIds(contents);
            tidyRunsFile(runsFile, contents);
            List<PlannedRun> remaining = plan.remaining(finished);
            int skipped = plan.size() - remaining.size();
            long notInPlan = latestPerRun(contents.records()).stream().filter(r -> plan.run(r.runId()) == null).count();
            if (notInPlan > 0) {
                LOG.info("{} recorded run(s) in {} are not in this configuration; their records stay there and in the reports",
                        notInPlan, runsFile);
            }
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
            int[] counts = execute(spec, remaining, cache, dir, options, logging);
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

    /** Creates {@code folder} with its parents, naming it and the cause if that fails. */
    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results folder " + folder, e);
        }
    }

    /** Records why an experiment stopped, stack trace included, in its log file (the console gets one line). */
    private static void logStopped(Path dir, Throwable e) {
        if (Files.isDirectory(dir.resolve("logs"))) {
            try (RunLogging again = RunLogging.to(dir.resolve("logs").resolve("run.log"))) {
                LOG.debug("Experiment stopped", e);
            } catch (UncheckedIOException cannotLog) {
                // the log cannot be written either (the cause of the stop, most likely): the console has the message
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

    /**
     * Refuses a folder whose results this configuration would contradict. A configuration that only
     * adds runs (K values, seeds at the end of the list, grid points, algorithm blocks, feature sets,
     * datasets) passes: every recorded run keeps its id. One that leaves runs out passes too (their
     * records stay). What changes a recorded run's settings, its seed's position, or what every run
     * records (metrics, splits, data seed) is refused and named.
     */
    private static void checkFolder(Path dir, RunPlan plan) throws IOException {
        ExperimentSpec spec = plan.spec();
        Map<String, Object> old = Manifest.read(dir);
        if (old == null) {
            if (Files.exists(dir.resolve(RUNS_FILE))) {
                throw new ConfigException(null, "", dir + " holds a " + RUNS_FILE + " but no " + Manifest.FILE
                        + ", so it cannot be matched to this configuration; rerun with -Dfresh=true to move it aside and "
                        + "start over, or give this experiment another `experiment` name");
            }
            return;
        }
        if (spec.hash().equals(old.get("specHash"))) {
            return;
        }
        Map<?, ?> oldSpec = old.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        List<String> fixed = changedKeys(oldSpec, spec.identity()).stream().filter(k -> !MAY_GROW.contains(k)).toList();
        String conflict = fixed.isEmpty() ? firstConflict(oldSpec, plan, RunLog.in(dir).read().records()) : String.join(", ", fixed);
        if (conflict != null) {
            throw new ConfigException(null, "", dir + " holds results of a different configuration of experiment '"
                    + spec.experiment() + "' (changed: " + conflict + "). Only adding runs (K values, seeds at the end, grid "
                    + "points, algorithm blocks, feature sets, datasets) keeps a results folder. Rerun with -Dfresh=true to "
                    + "move those results aside and start over, or change `experiment` (or `output`) to keep both");
        }
    }

    /** Keys of the spec whose lists may gain (or lose) entries without changing any recorded run. */
    private static final Set<String> MAY_GROW = Set.of("datasets", "feature-sets", "algorithms", "k", "seeds");

    private static List<String> changedKeys(Map<?, ?> old, Map<String, Object> identity) {
        List<String> changed = new ArrayList<>();
        identity.forEach((key, value) -> {
            if (!Canonical.json(value).equals(Canonical.json(old.get(key)))) {
                changed.add(key);
            }
        });
        return changed.isEmpty() ? List.of("the spec hash") : changed;
    }

    /**
     * The first recorded run that this plan would run with other settings or at another seed
     * position, described for the refusal; {@code null} if there is none. A recorded run missing
     * from the plan is matched to the planned run in its place (same dataset, feature set,
     * algorithm block, K, seed and values on the block's recorded grid axes): if there is one, the
     * run was changed; if not, it was left out.
     */
    private static String firstConflict(Map<?, ?> oldSpec, RunPlan plan, List<RunRecord> records) {
        for (RunRecord r : latestPerRun(records)) {
            PlannedRun same = plan.run(r.runId());
            if (same != null) {
                if (same.seedIndex() != r.seedIndex()) {
                    return "seeds: seed " + r.seed() + " moved from position " + (r.seedIndex() + 1) + " to "
                            + (same.seedIndex() + 1) + " (add new seeds at the end of the list)";
                }
                continue;
            }
            for (PlannedRun p : plan.runs()) {
                if (samePlace(oldSpec, p, r)) {
                    return changedPart(oldSpec, p) + ": the recorded run " + r.runId() + " (" + p.label()
                            + ") would now run with other settings";
                }
            }
        }
        return null;
    }

    private static boolean samePlace(Map<?, ?> oldSpec, PlannedRun p, RunRecord r) {
        if (!p.dataset().name().equals(r.dataset()) || !featuresLabel(p).equals(r.transforms())
                || !p.algorithm().name().equals(r.algorithm()) || p.k() != r.k() || p.seed() != r.seed()) {
            return false;
        }
        Map<?, ?> oldBlock = named(oldSpec.get("algorithms"), p.algorithm().name());
        Collection<?> axes = oldBlock != null && oldBlock.get("params") instanceof Map<?, ?> params
                ? params.entrySet().stream().filter(e -> e.getValue() instanceof List<?>).map(Map.Entry::getKey).toList()
                : p.algorithm().gridAxes();
        for (Object axis : axes) {
            if (!Canonical.json(p.parameters().get(axis)).equals(Canonical.json(r.parameters().get(axis)))) {
                return false;
            }
        }
        return true;
    }

    /** The key path of the block whose settings differ from the recorded spec for run {@code p}. */
    private static String changedPart(Map<?, ?> oldSpec, PlannedRun p) {
        if (!sameEntry(oldSpec.get("datasets"), p.dataset().name(), p.dataset().resolved())) {
            return p.dataset().keyPath();
        }
        if (!sameEntry(oldSpec.get("feature-sets"), p.featureSet().name(), p.featureSet().resolved())) {
            return p.featureSet().keyPath().isEmpty() ? "transforms" : p.featureSet().keyPath();
        }
        if (!sameEntry(oldSpec.get("algorithms"), p.algorithm().name(), p.algorithm().resolved())) {
            return p.algorithm().keyPath();
        }
        return "the run's settings";
    }

    private static boolean sameEntry(Object oldList, String name, Map<String, Object> resolved) {
        Map<?, ?> old = named(oldList, name);
        return old != null && Canonical.json(old).equals(Canonical.json(resolved));
    }

    /** The entry of a list of named blocks (as the manifest holds them) called {@code name}, or {@code null}. */
    private static Map<?, ?> named(Object list, String name) {
        if (list instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Moves {@code dir} aside as {@code <dir>.replaced-<time>}. */
    private static void archive(Path dir) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path aside = dir.resolveSibling(dir.getFileName() + ".replaced-" + stamp);
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("-Dfresh=true: cannot move " + dir + " aside to " + aside, e);
        }
        LOG.info("-Dfresh=true: moved the previous results to {}", aside);
    }

    /** The ids of runs recorded as ok. */
    private static Set<String> finishedIds(RunLog.Contents contents) {
        return latestPerRun(contents.records()).stream().filter(RunRecord::ok).map(RunRecord::runId)
                .collect(Collectors.toSet());
    }

    /**
     * Before failed runs are retried, rewrites {@code runs.jsonl} without their records and without
     * lines that are not records (to a temporary file, then renamed over it), so every run appears
     * in it exactly once and a skipped line is not warned about again.
     */
    private static void tidyRunsFile(Path runsFile, RunLog.Contents contents) {
        List<RunRecord> all = contents.records();
        List<RunRecord> kept = latestPerRun(all).stream().filter(RunRecord::ok).toList();
        if (kept.size() == all.size() && contents.skipped().isEmpty()) {
            return;
        }
        Path tmp = null;
        try {
            tmp = AtomicFiles.createTemporary(runsFile);
            RunLog rewritten = new RunLog(tmp);
            kept.forEach(rewritten::append);
            Files.move(tmp, runsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + runsFile, e);
        } finally {
            deleteQuietly(tmp);
        }
        if (kept.size() < all.size()) {
            LOG.info("Retrying {} failed run(s); their records were taken out of {}", all.size() - kept.size(), runsFile);
        }
        if (!contents.skipped().isEmpty()) {
            LOG.info("Took {} line(s) that are not run records out of {}; their runs run again", contents.skipped().size(),
                    runsFile);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file; the next invocation removes it
            }
        }
    }

    /**
     * Runs {@code runs}; returns {ok, failed}. When results cannot be written (a record, a run's
     * files, or the log), no further run starts; the runs in progress end, and the first such
     * failure is thrown with how far the experiment got.
     */
    private int[] execute(ExperimentSpec spec, List<PlannedRun> runs, DataCache cache, Path dir, Options options,
                          RunLogging logging) {
        Consumer<RunRecord> log = recordWriters.apply(dir);
        RunArtifacts artifacts = new RunArtifacts(dir);
        int parallelRuns = Math.max(1, Math.min(spec.parallelRuns(), runs.size()));
        int threadsPerRun = Math.max(1, spec.effectiveThreads() / parallelRuns);
        Progress progress = new Progress(options.out(), options.live(), runs.size(), parallelRuns);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<UncheckedIOException> writeFailure = new AtomicReference<>();
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
                Runnable task = () -> {
                    logging.failure().ifPresent(f -> writeFailure.compareAndSet(null, f));
                    if (writeFailure.get() != null) {
                        return; // results cannot be written: start nothing more
                    }
                    Parallelism parallel = take(pools);
                    try {
                        progress.runStarted(run);
                        RunRecord record;
                        try {
                            record = attempt(spec, run, cache, parallel, progress.listener(run), artifacts);
                        } finally {
                            cache.release(run);
                        }
                        log.accept(record);
                        (record.ok() ? ok : failed).incrementAndGet();
                        progress.runFinished(run, record);
                    } catch (UncheckedIOException e) {
                        writeFailure.compareAndSet(null, e);
                    } finally {
                        pools.add(parallel);
                    }
                };
                if (executor == null) {
                    task.run();
                } else {
                    futures.add(executor.submit(task));
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
        logging.failure().ifPresent(f -> writeFailure.compareAndSet(null, f));
        UncheckedIOException first = writeFailure.get();
        if (first != null) {
            int recorded = ok.get() + failed.get();
            throw new WriteFailures.ResultsNotWrittenException(first.getMessage() + ": " + WriteFailures.reason(first)
                    + ". Stopped starting runs: " + recorded + " of " + runs.size() + " recorded in this invocation; fix the "
                    + "folder or make room, then rerun the same command to resume", first.getCause());
        }
        return new int[] {ok.get(), failed.get()};
    }

    /** Fits and scores one run; any exception of the run becomes a failed record. */
    private RunRecord attempt(ExperimentSpec spec, PlannedRun run, DataCache cache, Parallelism parallel, FitListener listener,
                              RunArtifacts artifacts) {
        try {
            return fitAndScore(spec, run, cache.prepared(run, parallel), parallel, listener, artifacts);
        } catch (WriteFailures.ResultsNotWrittenException e) {
            throw e; // not the run's failure: the results folder's
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
        Map<String, String> files;
        try {
            files = artifacts == null ? Map.of() : saveArtifacts(artifacts, run, data, c, predictions);
        } catch (UncheckedIOException e) {
            throw new WriteFailures.ResultsNotWrittenException(e.getMessage(), e.getCause());
        }
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

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were executing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
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
