package org.imageclustering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark command line runs the same experiment file into the same results as the local one,
 * and refuses what cannot run on Spark before anything runs.
 */
class SparkMainTest {
    private static final Path SAMPLE = Path.of("..", "data", "fashion-mnist-sample").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path experiment(String algorithms) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                experiment: spark-equals-local
                dataset:
                  loader: fashion-mnist
                  path: %s
                  limit: 1200
                algorithms:
                %s
                k: [4, 9]
                seeds: [1, 2]
                metrics: [distortion, purity, nmi, ari]
                evaluate-on: [train, test]
                """.formatted(SAMPLE, algorithms));
        return file;
    }

    private static final String KMEANS = """
              - name: lloyd
                algorithm: kmeans
                variant: lloyd
              - name: elkan
                algorithm: kmeans
                variant: elkan
                restarts: 2
            """;

    /** Runs a command; returns exit code, stdout, stderr. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(boolean spark, String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = spark ? SparkMain.run(p, o, e) : Main.run(p, false, o, e, new ExperimentsModule());
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Each run's record without its timings (every key ending in {@code seconds} or {@code Millis}), by run id. */
    static Map<String, JsonNode> records(Path folder) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String line : Files.readAllLines(folder.resolve("runs.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            withoutTimings(r);
            ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("diagnostics")).remove("row_lane_kernel");
            assertFalse(out.containsKey(r.get("runId").asText()), "run " + r.get("runId") + " recorded twice");
            out.put(r.get("runId").asText(), r);
        }
        return out;
    }

    private static void withoutTimings(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> timings = new ArrayList<>();
            o.fieldNames().forEachRemaining(f -> {
                if (f.endsWith("seconds") || f.endsWith("Millis") || f.equals("nanos")) {
                    timings.add(f);
                }
            });
            o.remove(timings);
        }
        node.forEach(SparkMainTest::withoutTimings);
    }

    /** The first path where two records differ, or null. */
    static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            for (java.util.Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                String d = b.has(f) ? firstDifference(path + "." + f, a.get(f), b.get(f)) : path + "." + f + " (missing)";
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
        }
        return path + ": " + a + " vs " + b;
    }

    static void assertSameRecords(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "run ids");
        expected.forEach((id, r) -> assertEquals(null, firstDifference(id, r, actual.get(id)), "run " + id));
    }

    /** Every file under {@code runs/}, by relative path. */
    static Map<String, byte[]> runFiles(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        Path runs = folder.resolve("runs");
        List<Path> files;
        try (Stream<Path> s = Files.walk(runs)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        for (Path f : files) {
            out.put(runs.relativize(f).toString(), Files.readAllBytes(f));
        }
        return out;
    }

    @Test
    void anExperimentOnLocalSparkEqualsTheLocalRunnerRecordForRecordAndFileForFile() throws IOException {
        Path file = experiment(KMEANS);
        Outcome local = run(false, "config", file.toString(), "set", "output=" + dir.resolve("local"));
        assertEquals(0, local.code(), local.err());
        Outcome spark = run(true, "config", file.toString(), "master", "local[2]", "partitions", "3",
                "set", "output=" + dir.resolve("spark"));
        assertEquals(0, spark.code(), spark.err());
        Path a = dir.resolve("local/spark-equals-local");
        Path b = dir.resolve("spark/spark-equals-local");
        Map<String, JsonNode> ra = records(a);
        assertEquals(8, ra.size());
        assertSameRecords(ra, records(b));
        Map<String, byte[]> fa = runFiles(a);
        Map<String, byte[]> fb = runFiles(b);
        assertEquals(fa.keySet(), fb.keySet());
        fa.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, fb.get(name)), name + " differs"));
    }

    @Test
    void runsAtOnceOnTwoFeatureSetsShareTheClusterAndStillEqualTheLocalRunner() throws IOException {
        Path file = experiment(KMEANS);
        Files.writeString(file, Files.readString(file) + """
                parallel-runs: 3
                feature-sets:
                  - name: pixels
                    transforms: []
                  - name: scaled
                    transforms:
                      - transform: scale
                """);
        Outcome local = run(false, "config", file.toString(), "set", "output=" + dir.resolve("local"));
        assertEquals(0, local.code(), local.err());
        Outcome spark = run(true, "config", file.toString(), "master", "local[2]", "partitions", "2",
                "set", "output=" + dir.resolve("spark"));
        assertEquals(0, spark.code(), spark.err());
        Map<String, JsonNode> ra = records(dir.resolve("local/spark-equals-local"));
        assertEquals(16, ra.size());
        assertSameRecords(ra, records(dir.resolve("spark/spark-equals-local")));
    }

    @Test
    void spectralIsRefusedBeforeAnythingRunsNamingTheLine() throws IOException {
        Path file = experiment(KMEANS + """
                  - name: graph
                    algorithm: spectral
                """);
        Outcome spark = run(true, "config", file.toString(), "master", "local[1]", "set", "output=" + dir.resolve("r"));
        assertEquals(Main.BAD_CONFIGURATION, spark.code());
        assertTrue(spark.err().contains("line 15") && spark.err().contains("algorithms[2].algorithm")
                && spark.err().contains("spectral clustering does not run on Spark"), spark.err());
        assertFalse(Files.exists(dir.resolve("r/spark-equals-local/runs.jsonl")), "nothing may run");
    }

    @Test
    void aPartitionCountThatIsNotAPositiveIntegerIsRefused() throws IOException {
        Outcome o = run(true, "config", experiment(KMEANS).toString(), "master", "local[1]", "partitions", "0");
        assertEquals(Main.BAD_CONFIGURATION, o.code());
        assertEquals("error: -Dpartitions: expected a positive integer, found '0'", o.err().strip());
    }

    @Test
    void sparkSubmitArgumentsBecomeTheMavenCommandsProperties() {
        Properties p = new Properties();
        SparkMain.readArguments(new String[] {"--config", "a.yaml", "--set", "k=[3]", "--partitions", "8", "--fresh"}, p);
        assertEquals("a.yaml", p.getProperty("config"));
        assertEquals("k=[3]", p.getProperty("set"));
        assertEquals("8", p.getProperty("partitions"));
        assertEquals("true", p.getProperty("fresh"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkMain.readArguments(new String[] {"--confg", "a.yaml"}, new Properties()));
        assertTrue(e.getMessage().startsWith("unknown argument '--confg'"), e.getMessage());
    }
}
