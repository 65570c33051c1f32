package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.imageclustering.experiments.testing.TestComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and messages: one line on stderr, never a stack trace. */
class MainTest {
    @TempDir
    Path tmp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Path config(String body) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, """
                experiment: cli
                output: %s
                dataset: {loader: blobs, clusters: 3}
                """.formatted(tmp.resolve("results")) + body);
        return f;
    }

    int main(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Main.run(p, false, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ExperimentsModule(), new TestComponents());
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void successExitsZeroAndPrintsTheSummaryTable() throws IOException {
        Path f = config("algorithms: [{algorithm: kmeans}]\nk: [2, 3]\nseeds: [1, 2]\nmetrics: [purity]\n");
        assertEquals(Main.OK, main("config", f.toString()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("train purity"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("blobs\\s+pixels\\s+kmeans\\s+3\\s+2\\s+.*")), table);
        assertEquals("", stderr());
    }

    @Test
    void theImplicitFeatureSetIsRecordedAsPixelsAsTheReportsNameIt() throws IOException {
        Path f = config("algorithms: [{algorithm: kmeans}]\nk: [2]\nseeds: [1]\nmetrics: [purity]\n");
        assertEquals(Main.OK, main("config", f.toString()));
        Path folder = tmp.resolve("results").resolve("cli");
        assertTrue(Files.readString(folder.resolve("runs.jsonl")).contains("\"transforms\":\"pixels\""));
        assertTrue(Files.readString(folder.resolve("summary.csv")).contains("blobs,pixels,kmeans,"));
    }

    @Test
    void aBadConfigurationExitsTwoWithOneLineNamingFileLineAndKey() throws IOException {
        Path f = config("algorithms: [{algorithm: kmeans}]\nk: [2, 3]\nseeds: [1, 2]\nmetrics: [purity]\nthreds: 2\n");
        assertEquals(Main.BAD_CONFIGURATION, main("config", f.toString()));
        assertEquals("error: " + f + " line 8, column 1, threds: unknown key 'threds' (did you mean 'threads'?); known keys here: "
                + "[experiment, output, dataset, datasets, transforms, feature-sets, algorithms, k, seeds, repeats, base-seed, "
                + "data-seed, metrics, evaluate-on, threads, parallel-runs]\n", stderr());
    }

    @Test
    void aMissingFileOrMissingConfigPropertyExitsTwo() {
        assertEquals(Main.BAD_CONFIGURATION, main("config", tmp.resolve("nope.yaml").toString()));
        assertTrue(stderr().startsWith("error: experiment file " + tmp.resolve("nope.yaml") + " does not exist"), stderr());
        err.reset();
        assertEquals(Main.BAD_CONFIGURATION, main());
        assertTrue(stderr().startsWith("error: no experiment file given (-Dconfig=...)\nusage:"), stderr());
    }

    @Test
    void aFailedRunExitsOneAfterTheOthersFinished() throws IOException {
        Path f = config("algorithms: [{algorithm: flaky, fail-k: 3}]\nk: [2, 3]\nseeds: [1]\nmetrics: [purity]\n");
        assertEquals(Main.RUN_FAILED, main("config", f.toString()));
        assertTrue(stderr().startsWith("error: 1 of 2 runs failed (see "), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace on the console");
    }

    @Test
    void overridesDryRunReplayAndReportRebuildWorkFromTheCommandLine() throws IOException {
        Path f = config("algorithms: [{algorithm: kmeans}]\nk: [2, 3]\nseeds: [1, 2]\nmetrics: [purity]\n");
        assertEquals(Main.OK, main("config", f.toString(), "set", "k=[4]", "dryRun", "true"));
        String plan = out.toString(StandardCharsets.UTF_8);
        assertTrue(plan.contains("k                    1  4"), plan);
        assertFalse(Files.exists(tmp.resolve("results/cli")), "a dry run writes nothing");

        assertEquals(Main.OK, main("config", f.toString()));
        String id = Files.readAllLines(tmp.resolve("results/cli/runs.jsonl")).get(1).replaceAll(".*\"runId\":\"([0-9a-f]+)\".*", "$1");
        out.reset();
        assertEquals(Main.OK, main("config", f.toString(), "run", id));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Identical to the recorded run."), out.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(Main.OK, main("report", tmp.resolve("results/cli").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.matches("blobs\\s+pixels\\s+kmeans\\s+2\\s+2\\s+.*")),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(tmp.resolve("results/cli/report.html")));
        assertEquals(Main.BAD_CONFIGURATION, main("report", tmp.toString()));
        assertTrue(stderr().contains("has no runs.jsonl"), stderr());

        err.reset();
        assertEquals(Main.BAD_CONFIGURATION, main("compare", tmp.resolve("results/cli") + "," + tmp));
        assertEquals("error: " + tmp + " holds no runs.jsonl: -Dcompare needs two experiments' results folders, "
                + "e.g. results/a,results/b\n", stderr());
        out.reset();
        assertEquals(Main.OK, main("compare", tmp.resolve("results/cli") + "," + tmp.resolve("results/cli")));
        assertTrue(Files.exists(tmp.resolve("results/compare-cli-vs-cli/comparison.md")), out.toString(StandardCharsets.UTF_8));
    }

    /** A component that cannot be built, e.g. one whose native library is missing. */
    public static final class BrokenLoader implements org.imageclustering.loader.DatasetLoader {
        public BrokenLoader() {
            throw new IllegalStateException("native image library missing");
        }

        @Override
        public org.imageclustering.loader.DatasetSplits load(org.imageclustering.loader.LoaderOptions options) {
            throw new AssertionError("never built");
        }
    }

    @Test
    void aComponentThatCannotBeBuiltIsOneMessageNotAStackTrace() throws IOException {
        Path f = config("algorithms: [{algorithm: kmeans}]\nk: [2]\n");
        Properties p = new Properties();
        p.setProperty("config", f.toString());
        com.google.inject.Module broken = binder -> ExperimentsModule.loaders(binder).addBinding("broken").to(BrokenLoader.class);
        int code = Main.run(p, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ExperimentsModule(), new TestComponents(), broken);
        assertEquals(Main.RUN_FAILED, code);
        assertTrue(stderr().startsWith("error: the components are not wired correctly"), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
    }
}
