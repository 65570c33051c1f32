package org.imageclustering.experiments.run;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.folder.Manifest;
import org.imageclustering.experiments.folder.ResultsFolder;
import org.imageclustering.experiments.folder.ResumeCheck;
import org.imageclustering.experiments.folder.RunLogging;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.report.Reports;
import org.imageclustering.reporting.report.RunArtifacts;

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
        ComponentCheck.check(registry, plan, file.locations());
        Path dir = Path.of(spec.output(), spec.experiment());
        if (!options.fresh()) {
            ResumeCheck.check(dir, plan);
        }

        DataCache cache = new DataCache(registry, file.locations());
        if (options.dryRun()) {
            cache.loadAll(plan.runs());
            Set<String> finished = options.fresh() ? Set.of() : RunLog.in(dir).read().finished();
            DryRun.print(options.out(), file, plan, cache, finished, dir);
            return new Outcome(dir, plan.size(), (int) plan.runs().stream().filter(r -> finished.contains(r.runId())).count(),
                    0, 0);
        }
        try (ResultsFolder folder = ResultsFolder.claim(dir, file.file()); // refused at once if another invocation holds it
             RunLogging.Buffered loadingLog = RunLogging.buffer()) {
            cache.loadAll(plan.runs()); // refusals found here leave nothing behind: nothing was created or moved yet
            folder.open(options.fresh());
            if (!options.fresh()) {
                ResumeCheck.check(dir, plan); // again under the lock: another invocation may have finished in it meanwhile
            }
            return runIn(folder, file, plan, overrides, cache, options, loadingLog);
        }
    }

    /** Runs the experiment in its created and locked results folder. */
    private Outcome runIn(ResultsFolder folder, ExperimentFile file, RunPlan plan, String overrides, DataCache cache,
                          Options options, RunLogging.Buffered loadingLog) throws IOException {
        ExperimentSpec spec = plan.spec();
        Path dir = folder.dir();
        Path runsFile = dir.resolve(RUNS_FILE);
        int leftovers = folder.deleteLeftovers();
        try (RunLogging logging = RunLogging.to(folder.logFile(), loadingLog)) {
            LOG.info("Experiment {} ({}, spec {}): {} runs into {}", spec.experiment(), file.file(), spec.hash().substring(0, 12),
                    plan.size(), dir);
            if (leftovers > 0) {
                LOG.info("Removed {} temporary file(s) left in {} by an interrupted invocation", leftovers, dir);
            }
            if (spec.evaluateOn().contains("test")) {
                plan.runs().stream().filter(r -> cache.splits(r).test() == null).map(r -> r.dataset().name()).distinct()
                        .forEach(name -> LOG.info("Dataset {} has no test split: its runs are scored on train only", name));
            }
            RunLog.Contents contents = folder.tidyRunLog();
            List<PlannedRun> remaining = plan.remaining(contents.finished());
            int skipped = plan.size() - remaining.size();
            long notInPlan = contents.latest().stream().filter(r -> plan.run(r.runId()) == null).count();
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
            Schedule.Counts counts = Schedule.execute(spec, remaining, new SingleRun(registry, spec, cache), cache,
                    recordWriters.apply(dir), new RunArtifacts(dir), options, logging);
            manifest.finish(plan.size(), skipped, counts.ok(), counts.failed());
            manifest.write(dir);
            Reports.Written written = Reports.writeAll(dir);
            options.out().println();
            options.out().println(written.consoleTable());
            LOG.info("Results in {} ({} ok, {} failed in this invocation, {} skipped as finished)", dir, counts.ok(), counts.failed(),
                    skipped);
            if (counts.failed() > 0) {
                LOG.error("{} run(s) failed; their messages are in {} and {}", counts.failed(), runsFile,
                        folder.logFile());
            }
            return new Outcome(dir, plan.size(), skipped, counts.ok(), counts.failed());
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            folder.logStopped(e);
            throw e;
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
        ComponentCheck.check(registry, plan, file.locations());
        DataCache cache = new DataCache(registry, file.locations());
        cache.loadAll(List.of(run));
        try (Parallelism parallel = Parallelism.of(threads)) {
            return new SingleRun(registry, file.spec(), cache).attempt(run, parallel, FitListener.NONE, null);
        }
    }

    /** The latest record of {@code runId} in the experiment's results folder, or {@code null}. */
    public RunRecord recorded(ExperimentFile file, String runId) throws IOException {
        Path runsFile = Path.of(file.spec().output(), file.spec().experiment()).resolve(RUNS_FILE);
        if (!Files.exists(runsFile)) {
            return null;
        }
        return RunLog.in(runsFile.getParent()).readLatest().stream().filter(r -> r.runId().equals(runId))
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
}
