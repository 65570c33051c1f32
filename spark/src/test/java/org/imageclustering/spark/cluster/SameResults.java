package org.imageclustering.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Asserts that two results folders of one experiment hold the same runs: the same run ids, each
 * recorded once, with the same record apart from timings (metrics, iterations, stop reason, the
 * trace's distortions, reassignments and centre shifts, the diagnostics both engines report), and
 * byte-identical files under {@code runs/<id>/} (labels, centroids, contingency tables, pictures).
 */
final class SameResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameResults() {
    }

    static void assertSameRuns(Path expected, Path actual) throws IOException {
        Map<String, JsonNode> want = records(expected);
        Map<String, JsonNode> got = records(actual);
        assertEquals(want.keySet(), got.keySet(), "run ids of " + actual + " against " + expected);
        for (Map.Entry<String, JsonNode> e : want.entrySet()) {
            String id = e.getKey();
            assertEquals("ok", e.getValue().path("status").asText(), "local run " + id);
            assertEquals(withoutTimings(e.getValue(), got.get(id)), withoutTimings(got.get(id), e.getValue()),
                    "record of run " + id);
            assertSameFiles(expected.resolve("runs").resolve(id), actual.resolve("runs").resolve(id));
        }
    }

    /** The records of {@code folder}'s runs.jsonl by run id; a run id recorded twice fails. */
    private static Map<String, JsonNode> records(Path folder) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve("runs.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode run = JSON.readTree(line);
            JsonNode before = byId.put(run.path("runId").asText(), run);
            assertEquals(null, before, folder + "/runs.jsonl records run " + run.path("runId").asText() + " twice");
        }
        return byId;
    }

    /**
     * {@code run} without its timings (fitMillis, the trace's nanos, diagnostics in seconds) and
     * without the diagnostics {@code other} lacks (the local engine also names its kernel).
     */
    private static JsonNode withoutTimings(JsonNode run, JsonNode other) {
        ObjectNode copy = run.deepCopy();
        copy.remove("fitMillis");
        for (JsonNode step : copy.path("trace")) {
            ((ObjectNode) step).remove("nanos");
        }
        if (copy.get("diagnostics") instanceof ObjectNode diagnostics) {
            List<String> drop = new ArrayList<>();
            for (Iterator<String> names = diagnostics.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.endsWith("_seconds") || !other.path("diagnostics").has(name)) {
                    drop.add(name);
                }
            }
            diagnostics.remove(drop);
        }
        return copy;
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> want = files(expected);
        assertTrue(!want.isEmpty(), "no files under " + expected);
        assertEquals(want, files(actual), "files of " + actual);
        for (Path name : want) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)),
                    actual.resolve(name) + " differs from " + expected.resolve(name));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
