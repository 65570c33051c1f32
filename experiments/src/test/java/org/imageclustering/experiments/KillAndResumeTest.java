package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real child JVM in the middle of a sweep and checks that a rerun completes it without loss or duplicates. */
class KillAndResumeTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepKilledAfterItsFirstRunsResumesToEveryRunExactlyOnce() throws Exception {
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, """
                experiment: killed
                output: %s
                dataset: {loader: blobs, clusters: 3, per-cluster: 60}
                algorithms:
                  - {name: slow, algorithm: flaky, sleep-ms: 150}
                k: [2, 3, 4, 5]
                seeds: [1, 2, 3]
                metrics: [distortion, purity]
                """.formatted(tmp.resolve("results")));
        Path runs = tmp.resolve("results/killed/runs.jsonl");

        Process first = start(config, tmp.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(runs) < 2 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), "the sweep should still be running when it is killed:\n" + Files.readString(tmp.resolve("first.log")));
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        int before = lines(runs);
        assertTrue(before >= 2 && before < 12, "killed after " + before + " runs");

        Process second = start(config, tmp.resolve("second.log"));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the resumed sweep finishes");
        String secondLog = Files.readString(tmp.resolve("second.log"));
        assertEquals(0, second.exitValue(), secondLog);
        String runLog = Files.readString(tmp.resolve("results/killed/logs/run.log"));
        assertTrue(runLog.contains(before + " of 12 runs already finished"), runLog);

        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(runs)) {
            ids.add(json.readTree(line).get("runId").asText()); // every line parses: nothing was torn
        }
        Set<String> planned = new HashSet<>();
        for (PlannedRun r : RunPlan.of(ExperimentFile.read(config, null, catalog()).spec()).runs()) {
            planned.add(r.runId());
        }
        assertEquals(12, ids.size(), "each run exactly once: " + ids);
        assertEquals(planned, new HashSet<>(ids));
    }

    private static org.imageclustering.experiments.spec.Catalog catalog() {
        return com.google.inject.Guice.createInjector(new ExperimentsModule(),
                new org.imageclustering.experiments.testing.TestComponents()).getInstance(org.imageclustering.experiments.run.Registry.class).catalog();
    }

    private static Process start(Path config, Path log) throws IOException {
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
        String text = Files.readString(file);
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
