package org.imageclustering.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.folder.Manifest;
import org.imageclustering.experiments.folder.WriteFailures;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.testing.LogCapture;
import org.imageclustering.experiments.testing.TestComponents;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.report.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
    @TempDir
    Path tmp;

    final ExperimentRunner runner = Guice.createInjector(new ExperimentsModule(), new TestComponents())
            .getInstance(ExperimentRunner.class);
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    String yaml(String extra) {
        return """
                experiment: blobs-sweep
                output: %s
                dataset:
                  loader: blobs
                  clusters: 3
                algorithms:
                  - name: km
                    algorithm: kmeans
                    init: [k-means++, random-points]
                k: [2, 3, 4]
                seeds: [1, 2]
                metrics: [distortion, purity]
                """.formatted(tmp.resolve("results")) + extra;
    }

    ExperimentFile file(String yaml) {
        return ExperimentFile.parse("configs/blobs.yaml", yaml, null, runner.registry().catalog());
    }

    ExperimentRunner.Outcome run(String yaml, boolean fresh) throws IOException {
        return runner.run(file(yaml), null, new ExperimentRunner.Options(fresh, false, false,
                new PrintStream(console, true, StandardCharsets.UTF_8)));
    }

    List<RunRecord> records(Path dir) throws IOException {
        return RunLog.in(dir).readAll();
    }

    /** A record without its wall-clock parts (fit time, per-iteration nanos, timings among the diagnostics). */
    static String numbers(RunRecord r) {
        return r.runId() + " " + r.status() + " " + r.metrics() + " it=" + r.iterations() + " " + r.stopReason() + " "
                + r.trace().stream().map(t -> t.iteration() + ":" + t.distortion() + ":" + t.reassignments() + ":"
                + t.centerShift()).collect(Collectors.joining(",")) + " " + new java.util.TreeMap<>(r.diagnostics()).entrySet()
                .stream().filter(e -> !e.getKey().matches(".*(seconds|millis|nanos).*")).toList();
    }

    @Test
    void aSweepWritesEveryRunOnceWithManifestLogAndReports() throws IOException {
        ExperimentRunner.Outcome o = run(yaml(""), false);
        assertEquals(12, o.planned());
        assertEquals(12, o.ok());
        assertEquals(0, o.exitCode());
        List<RunRecord> records = records(o.folder());
        assertEquals(12, records.size());
        assertEquals(12, records.stream().map(RunRecord::runId).distinct().count());
        RunRecord k3 = records.stream().filter(r -> r.k() == 3 && r.parameters().get("init").equals("k-means++")).findFirst()
                .orElseThrow();
        assertEquals(1.0, k3.metrics().get("train").get("purity"), 1e-12, "3 well-separated blobs, K = 3");
        assertEquals(1.0, k3.metrics().get("test").get("purity"), 1e-12, "test points predicted to the right blob");
        assertTrue(k3.metrics().get("train").get("distortion") > 0);
        Map<String, Object> manifest = Manifest.read(o.folder());
        assertEquals(file(yaml("")).spec().hash(), manifest.get("specHash"));
        assertNotNull(manifest.get("finishedAt"));
        assertTrue(Files.readString(o.folder().resolve("logs/run.log")).contains("[12/12]"));
        for (String report : List.of(Reports.SUMMARY_CSV, Reports.SUMMARY_MD, Reports.REPORT_HTML)) {
            assertTrue(Files.size(o.folder().resolve(report)) > 0, report);
        }
        assertTrue(k3.artifacts().containsKey("centroids"), k3.artifacts().toString());
        assertTrue(Files.exists(o.folder().resolve(k3.artifacts().get("centroids"))));
    }

    @Test
    void rerunSkipsFinishedRunsAndSaysSo() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        Object firstStart = Manifest.read(first.folder()).get("startedAt");
        ExperimentRunner.Outcome again = run(yaml("threads: 3\n"), false);
        Map<String, Object> manifest = Manifest.read(again.folder());
        assertEquals(2, manifest.get("invocations"));
        assertEquals(firstStart, manifest.get("firstStartedAt"), "the manifest still says when the experiment began");
        assertEquals(12, again.skipped());
        assertEquals(0, again.ok());
        assertEquals(12, records(again.folder()).size());
        assertTrue(Files.readString(again.folder().resolve("logs/run.log"))
                .contains("12 of 12 runs already finished"));
    }

    @Test
    void aChangedConfigurationInTheSameFolderIsRefusedUnlessFresh() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        String changed = yaml("").replace("k: [2, 3, 4]", "k: [2, 3, 5]").replace("metrics: [distortion, purity]", "metrics: [purity]");
        ConfigException e = assertThrows(ConfigException.class, () -> run(changed, false));
        assertTrue(e.getMessage().contains("holds results of a different configuration of experiment 'blobs-sweep' (changed: "
                + "metrics)"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dfresh=true"), e.getMessage());
        assertEquals(12, records(first.folder()).size(), "refusal leaves the old results alone");

        ExperimentRunner.Outcome fresh = run(changed, true);
        assertEquals(12, fresh.ok());
        assertTrue(records(fresh.folder()).stream().anyMatch(r -> r.k() == 5));
        try (var siblings = Files.list(fresh.folder().getParent())) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("blobs-sweep.replaced-")),
                    "the old results were moved aside, not deleted");
        }
    }

    @Test
    void aFailedRunIsRecordedTheOthersFinishAndResumeRetriesIt() throws IOException {
        String flaky = yaml("").replace("algorithm: kmeans\n    init: [k-means++, random-points]", "algorithm: flaky\n    fail-k: 3");
        ExperimentRunner.Outcome o = run(flaky, false);
        assertEquals(6, o.planned());
        assertEquals(4, o.ok());
        assertEquals(2, o.failed());
        assertEquals(1, o.exitCode());
        List<RunRecord> failed = records(o.folder()).stream().filter(r -> !r.ok()).toList();
        assertEquals(2, failed.size());
        assertEquals("flaky refuses K = 3", failed.get(0).error());
        assertTrue(Files.readString(o.folder().resolve("logs/run.log")).contains("java.lang.IllegalStateException: flaky"),
                "the stack trace is in the log file");

        ExperimentRunner.Outcome again = run(flaky, false);
        assertEquals(4, again.skipped(), "finished runs are skipped, failed ones retried");
        assertEquals(2, again.failed());
        assertEquals(6, records(o.folder()).size(), "the retried runs' old records were taken out: each run once");
        assertEquals(6, records(o.folder()).stream().map(RunRecord::runId).distinct().count());
    }

    @Test
    void parallelRunsGiveTheSameNumbersAsSequentialRuns() throws IOException {
        String sequential = yaml("parallel-runs: 1\nthreads: 1\n");
        String parallel = yaml("parallel-runs: 3\nthreads: 4\n").replace("experiment: blobs-sweep", "experiment: blobs-parallel");
        List<RunRecord> a = records(run(sequential, false).folder());
        List<RunRecord> b = records(run(parallel, false).folder());
        Map<String, String> byIdA = a.stream().collect(Collectors.toMap(RunRecord::runId, ExperimentRunnerTest::numbers));
        Map<String, String> byIdB = b.stream().collect(Collectors.toMap(RunRecord::runId,
                r -> numbers(r).replace("blobs-parallel", "blobs-sweep")));
        assertEquals(12, byIdA.size());
        assertEquals(byIdA, byIdB);
    }

    @Test
    void runSevenReplayedAloneEqualsRunSevenOfTheSweep() throws IOException {
        ExperimentFile f = file(yaml(""));
        ExperimentRunner.Outcome o = run(yaml(""), false);
        PlannedRun seventh = RunPlan.of(f.spec()).runs().get(7);
        RunRecord inSweep = records(o.folder()).stream().filter(r -> r.runId().equals(seventh.runId())).findFirst().orElseThrow();
        RunRecord alone = runner.replay(f, seventh.runId(), 2);
        assertEquals(numbers(inSweep), numbers(alone));
        assertEquals(inSweep, runner.recorded(f, seventh.runId()));
    }

    @Test
    void dryRunPrintsCountsIdsAndMemoryAndWritesNothing() throws IOException {
        ExperimentRunner.Outcome o = runner.run(file(yaml("")), null, new ExperimentRunner.Options(false, true, false,
                new PrintStream(console, true, StandardCharsets.UTF_8)));
        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("parameter points     2  km: 2 over [init]"), text);
        assertTrue(text.contains("k                    3  2, 3, 4"), text);
        assertTrue(text.contains("runs                12  (0 already finished"), text);
        assertTrue(text.contains("Memory estimate:"), text);
        for (PlannedRun r : RunPlan.of(file(yaml("")).spec()).runs()) {
            assertTrue(text.contains(r.runId()), r.runId());
        }
        assertFalse(Files.exists(o.folder()));
    }

    @Test
    void kLargerThanTheTrainingSetIsAConfigurationErrorAtTheKKey() {
        String tiny = yaml("").replace("  clusters: 3", "  clusters: 1\n  per-cluster: 3");
        ConfigException e = assertThrows(ConfigException.class, () -> run(tiny, false));
        assertEquals("k", e.keyPath());
        assertEquals(11, e.location().line());
        assertTrue(e.getMessage().contains("K = 4 is larger than the number of training images of dataset 'blobs' (3)"),
                e.getMessage());
    }

    @Test
    void aMissingDatasetPathIsReportedAtThePathKey() {
        String missing = yaml("").replace("  clusters: 3", "  path: no/such/folder");
        ConfigException e = assertThrows(ConfigException.class, () -> run(missing, false));
        assertEquals("dataset.path", e.keyPath());
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("'no/such/folder' does not exist"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("results/blobs-sweep")), "a configuration error leaves no results folder");
    }

    @Test
    void factoryAndLoaderOptionErrorsPointAtTheirLineAndSuggest() {
        String badParam = yaml("").replace("    init: [k-means++, random-points]", "    init: k-means++\n    restart: 2");
        ConfigException e = assertThrows(ConfigException.class, () -> run(badParam, false));
        assertEquals("algorithms[0].restart", e.keyPath());
        assertEquals(10, e.location().line());
        assertEquals(5, e.location().column());
        assertTrue(e.getMessage().contains("(did you mean 'restarts'?)"), e.getMessage());

        String badInit = yaml("").replace("[k-means++, random-points]", "[k-means++, kmeans++]");
        ConfigException init = assertThrows(ConfigException.class, () -> run(badInit, false));
        assertEquals("algorithms[0].init", init.keyPath());
        assertTrue(init.getMessage().contains("unknown initialisation 'kmeans++'"), init.getMessage());

        String badTransform = yaml("feature-sets:\n  - name: scaled\n    transforms:\n      - {transform: scale, mx: 2}\n");
        ConfigException transform = assertThrows(ConfigException.class, () -> run(badTransform, false));
        assertEquals("feature-sets[0].transforms[0].mx", transform.keyPath());
        assertEquals(16, transform.location().line());
        assertEquals(28, transform.location().column());
        assertTrue(transform.getMessage().contains("(did you mean 'max'?)"), transform.getMessage());

        String badLoader = yaml("").replace("  clusters: 3", "  clusters: 0");
        ConfigException loader = assertThrows(ConfigException.class, () -> run(badLoader, false));
        assertEquals("dataset.clusters", loader.keyPath());
        assertEquals(5, loader.location().line());
    }

    @Test
    void eachDatasetAndFeatureSetIsPreparedOnceAndShared() throws IOException {
        String twoSets = yaml("""
                feature-sets:
                  - {name: unit, transforms: [scale]}
                  - {name: doubled, transforms: [{transform: scale, max: 2}]}
                """);
        ExperimentRunner.Outcome o = run(twoSets, false);
        assertEquals(24, o.ok());
        String log = Files.readString(o.folder().resolve("logs/run.log"));
        assertEquals(1, log.lines().filter(l -> l.contains("Loaded blobs")).count(), log);
        assertEquals(1, log.lines().filter(l -> l.contains("Fitted scale(max=2)")).count(), log);
        assertEquals(1, log.lines().filter(l -> l.contains("Fitted scale on")).count(), log);
        Map<String, Double> raw = records(o.folder()).stream().filter(r -> r.transforms().equals("unit") && r.k() == 3
                && r.seed() == 1 && r.parameters().get("init").equals("k-means++")).findFirst().orElseThrow().metrics().get("train");
        Map<String, Double> doubled = records(o.folder()).stream().filter(r -> r.transforms().equals("doubled") && r.k() == 3
                && r.seed() == 1 && r.parameters().get("init").equals("k-means++")).findFirst().orElseThrow().metrics().get("train");
        assertEquals(raw.get("distortion") * 4, doubled.get("distortion"), 1e-5 * raw.get("distortion"));
    }

    @Test
    void aDatasetWithoutTestSplitIsScoredOnTrainOnly() throws IOException {
        ExperimentRunner.Outcome o = run(yaml("").replace("  clusters: 3", "  clusters: 3\n  test-per-cluster: 0"), false);
        RunRecord r = records(o.folder()).get(0);
        assertEquals(List.of("train"), List.copyOf(r.metrics().keySet()));
        assertNull(r.metrics().get("test"));
        assertNotEquals(0, r.metrics().get("train").size());
        assertTrue(Files.readString(o.folder().resolve("logs/run.log"))
                .contains("Dataset blobs has no test split: its runs are scored on train only"));
    }

    @Test
    void addingKValuesSeedsGridPointsAndBlocksResumesAndRunsOnlyTheNewRuns() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        String extended = yaml("").replace("k: [2, 3, 4]", "k: [2, 3, 4, 5]")
                .replace("seeds: [1, 2]", "seeds: [1, 2, 3]")
                .replace("[k-means++, random-points]", "[k-means++, random-points, random-gaussian]")
                .replace("k: [2, 3, 4, 5]", "  - {name: mb, algorithm: minibatch-kmeans}\nk: [2, 3, 4, 5]");
        ExperimentRunner.Outcome again = run(extended, false);
        assertEquals(48, again.planned(), "(3 inits + 1 block) x 4 K x 3 seeds");
        assertEquals(12, again.skipped(), "the recorded runs keep their ids");
        assertEquals(36, again.ok());
        assertEquals(48, records(first.folder()).stream().map(RunRecord::runId).distinct().count());
        assertEquals(48, records(first.folder()).size(), "each run once");
        Map<String, Object> manifest = Manifest.read(first.folder());
        assertEquals(file(extended).spec().hash(), manifest.get("specHash"), "the manifest records the new spec");
        assertEquals(List.of(2, 3, 4, 5), ((Map<?, ?>) manifest.get("spec")).get("k"));
        assertEquals(16, run(extended.replace("seeds: [1, 2, 3]", "seeds: [1, 2, 3, 4]"), false).ok(), "a fourth seed at the end");
    }

    @Test
    void leavingOutAKKeepsItsRecordsAndRunsNothing() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        try (LogCapture log = new LogCapture()) {
            ExperimentRunner.Outcome fewer = run(yaml("").replace("k: [2, 3, 4]", "k: [2, 3]"), false);
            assertEquals(8, fewer.skipped());
            assertEquals(0, fewer.ok());
            assertTrue(log.text().contains("4 recorded run(s) in " + first.folder().resolve("runs.jsonl")
                    + " are not in this configuration; their records stay there and in the reports"), log.text());
        }
        assertEquals(12, records(first.folder()).size());
    }

    @Test
    void changingWhatARecordedRunComputesIsRefusedNamingTheBlockAndTheRun() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        PlannedRun firstRun = RunPlan.of(file(yaml("")).spec()).runs().get(0);
        String otherIterations = yaml("").replace("k: [2, 3, 4]", "k: [2, 3, 4, 5]")
                .replace("    init: [k-means++, random-points]", "    init: [k-means++, random-points]\n    max-iterations: 7");
        ConfigException block = assertThrows(ConfigException.class, () -> run(otherIterations, false));
        assertTrue(block.getMessage().contains("(changed: algorithms[0]: the recorded run " + firstRun.runId() + " ("
                + firstRun.label() + ") would now run with other settings). Only adding runs"), block.getMessage());

        ConfigException data = assertThrows(ConfigException.class, () -> run(yaml("").replace("  clusters: 3",
                "  clusters: 3\n  separation: 4"), false));
        assertTrue(data.getMessage().contains("(changed: dataset: the recorded run "), data.getMessage());

        ConfigException seeds = assertThrows(ConfigException.class, () -> run(yaml("").replace("seeds: [1, 2]",
                "seeds: [0, 1, 2]"), false));
        assertTrue(seeds.getMessage().contains("(changed: seeds: seed 1 moved from position 1 to 2 (add new seeds at the end "
                + "of the list))"), seeds.getMessage());

        ConfigException dataSeed = assertThrows(ConfigException.class, () -> run(yaml("data-seed: 9\n"), false));
        assertTrue(dataSeed.getMessage().contains("(changed: data-seed)"), dataSeed.getMessage());
        assertEquals(12, records(first.folder()).size(), "refusals leave the results alone");
        assertEquals(file(yaml("")).spec().hash(), Manifest.read(first.folder()).get("specHash"));
    }

    @Test
    void aGarbledLineInRunsJsonlIsSkippedOnResumeNamedAndItsRunRunsAgain() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        Path runsFile = first.folder().resolve("runs.jsonl");
        List<String> lines = Files.readAllLines(runsFile);
        String garbled = lines.get(2).substring(0, 50);
        lines.set(2, garbled);
        Files.write(runsFile, lines);

        ExperimentRunner.Outcome again = run(yaml(""), false);
        assertEquals(11, again.skipped());
        assertEquals(1, again.ok(), "the run whose line was garbled runs again");
        assertEquals(12, Files.readAllLines(runsFile).size(), "the garbled line was taken out");
        assertEquals(12, records(first.folder()).stream().map(RunRecord::runId).distinct().count());
        String log = Files.readString(first.folder().resolve("logs/run.log"));
        assertTrue(log.contains(runsFile + " line 3: skipped, not a run record ("), log);
    }

    @Test
    void freshWithAConfigurationRefusedWhileLoadingLeavesTheOldResultsWhereTheyAre() throws IOException {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        String tooManyClusters = yaml("").replace("  clusters: 3", "  clusters: 1\n  per-cluster: 3");
        assertThrows(ConfigException.class, () -> run(tooManyClusters, true));
        assertEquals(12, records(first.folder()).size());
        try (var siblings = Files.list(first.folder().getParent())) {
            assertEquals(List.of(first.folder()), siblings.toList(), "nothing was moved aside");
        }
    }

    @Test
    void aConfigurationRefusedWhileLoadingCreatesAndAnnouncesNothing() {
        Path output = tmp.resolve("not-yet");
        String refused = yaml("").replace(tmp.resolve("results").toString(), output.toString())
                .replace("  clusters: 3", "  clusters: 1\n  per-cluster: 3");
        try (LogCapture log = new LogCapture()) {
            assertThrows(ConfigException.class, () -> run(refused, false));
            assertFalse(log.text().contains("runs into"), log.text());
        }
        assertFalse(Files.exists(output), "no results folder, not even its parent");
    }

    @Test
    void tempFilesLeftByAKilledInvocationAreRemovedByTheNext() throws Exception {
        ExperimentRunner.Outcome first = run(yaml(""), false);
        long ended = endedPid();
        Path leftover = Files.writeString(first.folder().resolve("runs").resolve(records(first.folder()).get(0).runId())
                .resolve(".centroids.f32.pid" + ended + "-42.tmp"), "half written");
        try (LogCapture log = new LogCapture()) {
            run(yaml(""), false);
            assertTrue(log.text().contains("Removed 1 temporary file(s) left in " + first.folder()
                    + " by an interrupted invocation"), log.text());
        }
        assertFalse(Files.exists(leftover));
    }

    /** The pid of a process that has ended, as a killed invocation's would be. */
    static long endedPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return p.pid();
    }

    @Test
    void aDiskThatFillsUpMidRunStopsStartingRunsNamesTheFileAndARerunResumes() throws IOException {
        Registry registry = Guice.createInjector(new ExperimentsModule(), new TestComponents()).getInstance(Registry.class);
        AtomicInteger fitted = new AtomicInteger();
        // the first 3 records are written, then the disk is full; runs are counted as they reach their record
        ExperimentRunner full = new ExperimentRunner(registry, dir -> record -> {
            if (fitted.incrementAndGet() > 3) {
                throw new UncheckedIOException("cannot append run " + record.runId() + " to " + dir.resolve("runs.jsonl"),
                        new IOException("No space left on device"));
            }
            RunLog.in(dir).append(record);
        });
        String sweep = yaml("parallel-runs: 2\n");
        WriteFailures.ResultsNotWrittenException e = assertThrows(WriteFailures.ResultsNotWrittenException.class,
                () -> full.run(file(sweep), null, new ExperimentRunner.Options(false, false, false,
                        new PrintStream(console, true, StandardCharsets.UTF_8))));
        Path dir = tmp.resolve("results/blobs-sweep");
        assertTrue(e.getMessage().matches("cannot append run [0-9a-f]{12} to " + java.util.regex.Pattern.quote(
                dir.resolve("runs.jsonl").toString()) + ": No space left on device\\. Stopped starting runs: 3 of 12 recorded in this "
                + "invocation; fix the folder or make room, then rerun the same command to resume"), e.getMessage());
        assertTrue(fitted.get() <= 3 + 2, "no run starts once a record could not be written (" + fitted.get() + " reached their record)");
        assertEquals(3, records(dir).size());

        ExperimentRunner.Outcome resumed = run(sweep, false);
        assertEquals(3, resumed.skipped());
        assertEquals(9, resumed.ok());
    }
}
