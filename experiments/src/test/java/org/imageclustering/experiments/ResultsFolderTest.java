package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.concurrent.TimeUnit;
import org.imageclustering.experiments.testing.ChildMain;
import org.imageclustering.experiments.testing.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results folder against hostile use: a second invocation while one runs (in another JVM), a
 * folder that cannot be written, a disk that fills up mid-run.
 */
class ResultsFolderTest {
    @TempDir
    Path tmp;

    final CommandLine cli = new CommandLine();
    Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    Path config(String output, String body) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, """
                experiment: shared
                output: %s
                dataset: {loader: blobs, clusters: 3, per-cluster: 60}
                """.formatted(output) + body);
        return f;
    }

    int main(String... keyValues) {
        return cli.run(keyValues);
    }

    String stderr() {
        return cli.stderr();
    }

    @Test
    void aSecondInvocationIsRefusedAtOnceNamingTheProcessThatHoldsTheFolder() throws Exception {
        Path results = tmp.resolve("results");
        Path f = config(results.toString(), "algorithms: [{algorithm: flaky, sleep-ms: 300}]\nk: [2, 3, 4]\nseeds: [1, 2, 3, 4]\n"
                + "metrics: [purity]\n");
        Path runs = results.resolve("shared/runs.jsonl");
        child = startChild(f, tmp.resolve("child.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(runs) < 1 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the first invocation is still running:\n" + Files.readString(tmp.resolve("child.log")));

        assertEquals(Main.RUN_FAILED, main("config", f.toString()));
        assertTrue(stderr().startsWith("error: " + results.resolve("shared") + " is in use by another invocation of this experiment "
                + "(pid " + child.pid() + " on "), stderr());
        assertTrue(stderr().contains(", running " + f + "); wait for it to finish or stop it, then rerun."), stderr());
        assertEquals(1, stderr().lines().count(), stderr());

        cli.clear();
        assertEquals(Main.RUN_FAILED, main("config", f.toString(), "fresh", "true"), "-Dfresh respects the lock too");
        assertTrue(stderr().contains("is in use by another invocation"), stderr());
        try (var siblings = Files.list(results)) {
            assertEquals(List.of(results.resolve("shared")), siblings.toList(), "the running experiment's folder was not moved");
        }
        assertEquals(Main.OK, main("report", results.resolve("shared").toString()), "reports may be rebuilt meanwhile: " + stderr());

        child.destroyForcibly(); // kill -9: the operating system releases the lock
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        cli.clear();
        assertEquals(Main.OK, main("config", f.toString()), stderr());
        List<String> ids = Files.readAllLines(runs).stream().map(l -> l.replaceAll(".*\"runId\":\"([0-9a-f]+)\".*", "$1")).toList();
        assertEquals(12, ids.size(), "each run recorded once: " + ids);
        assertEquals(12, ids.stream().distinct().count());
    }

    @Test
    void aLogFileThatCannotBeWrittenStopsWithOneMessageNamingIt() throws Exception {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devFull), "needs /dev/full (Linux)");
        Path results = tmp.resolve("results");
        Path f = config(results.toString(), "algorithms: [{algorithm: kmeans}]\nk: [2, 3]\nseeds: [1, 2]\nmetrics: [purity]\n");
        Path logs = Files.createDirectories(results.resolve("shared/logs"));
        Files.createSymbolicLink(logs.resolve("run.log"), devFull);

        assertEquals(Main.RUN_FAILED, main("config", f.toString()));
        assertEquals("error: cannot write " + logs.resolve("run.log") + ": No space left on device\n", stderr());
    }

    @Test
    void aResultsFolderThatCannotBeCreatedIsOneMessageNamingThePathAndTheCause() throws IOException {
        // an output folder that is a file is refused during validation; inside the experiment's
        // folder, a file where the runner makes a folder is only found when it writes
        Path results = tmp.resolve("results");
        Path blocker = Files.writeString(Files.createDirectories(results.resolve("shared")).resolve("logs"),
                "a regular file where a folder should be");
        Path f = config(results.toString(), "algorithms: [{algorithm: kmeans}]\nk: [2]\nseeds: [1]\nmetrics: [purity]\n");
        assertEquals(Main.RUN_FAILED, main("config", f.toString()));
        assertEquals("error: cannot create the results folder " + blocker + ": File exists\n", stderr());
    }

    @Test
    void aRunWhoseFilesCannotBeWrittenStopsTheExperimentInsteadOfRecordingAFailedRun() throws IOException {
        Path results = tmp.resolve("results");
        Path f = config(results.toString(), "algorithms: [{algorithm: kmeans}]\nk: [2, 3]\nseeds: [1, 2]\nmetrics: [purity]\n");
        Path dir = Files.createDirectories(results.resolve("shared"));
        Files.writeString(dir.resolve("runs"), "a regular file where the runs' folder should be");
        assertEquals(Main.RUN_FAILED, main("config", f.toString()));
        assertTrue(stderr().startsWith("error: cannot write " + dir.resolve("runs")), stderr());
        assertTrue(stderr().contains(". Stopped starting runs: 0 of 4 recorded in this invocation;"), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
        assertFalse(Files.exists(dir.resolve("runs.jsonl")), "no run was recorded as failed for the folder's fault");
    }

    private static Process startChild(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp", classpath,
                "-Dconfig=" + config, ChildMain.class.getName());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) Files.readString(file).chars().filter(c -> c == '\n').count();
    }
}
