package org.imageclustering.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.IterationTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
    @TempDir
    Path dir;

    static RunRecord record(String id, int seedIndex, double purity) {
        Map<String, Double> train = new LinkedHashMap<>();
        train.put("distortion", 1234.5 + seedIndex);
        train.put("purity", purity);
        train.put("silhouette", Double.NaN);
        return RunRecord.ok(new RunRecord.Setup(id, "exp", new RunRecord.Configuration("blobs", "", "kmeans",
                Map.of("init", "k-means++", "restarts", 2), 3), 100 + seedIndex, seedIndex), Map.of("train", train),
                new RunRecord.Fit(4, "NO_REASSIGNMENT", List.of(new IterationTrace(1, 2000.25, 10, 0.5, 1000),
                new IterationTrace(2, 1234.5, 0, 0.0, 900)), Map.of("relocations", 0), 12), Map.of("labels-train",
                "runs/" + id + "/labels-train.i32"));
    }

    /** {@code r} with one parameter, so that the JSON's order is fixed. */
    static RunRecord oneParameter(RunRecord r) {
        return new RunRecord(new RunRecord.Setup(r.runId(), r.experiment(), new RunRecord.Configuration(r.dataset(),
                r.transforms(), r.algorithm(), Map.of("init", "k-means++"), r.k()), r.seed(), r.seedIndex()),
                r.status(), r.error(), r.metrics(), r.fit(), r.artifacts());
    }

    static RunRecord failedRecord(String id, String error) {
        return RunRecord.failed(new RunRecord.Setup(id, "exp", new RunRecord.Configuration("blobs", "", "kmeans",
                Map.of("init", "k-means++"), 3), 100, 0), error);
    }

    @Test
    void appendedRecordsReadBackEqualIncludingNaNAndTrace() {
        RunLog log = RunLog.in(dir);
        log.append(record("r1", 0, 0.5));
        log.append(record("r2", 1, 0.75));
        List<RunRecord> back = log.readAll();
        assertEquals(2, back.size());
        RunRecord r = back.get(1);
        assertEquals("r2", r.runId());
        assertEquals(0.75, r.metrics().get("train").get("purity"));
        assertTrue(r.metrics().get("train").get("silhouette").isNaN());
        assertEquals(2, r.trace().size());
        assertEquals(1234.5, r.trace().get(1).distortion());
        assertEquals(record("r2", 1, 0.75).configurationKey(), r.configurationKey());
        assertEquals(101, r.seed());
    }

    @Test
    void tornFinalLineIsIgnoredOnReadAndCutOffByTheNextAppend() throws Exception {
        RunLog log = RunLog.in(dir);
        log.append(record("r1", 0, 0.5));
        String half = RunLog.toJson(record("r2", 1, 0.6));
        Files.writeString(log.file(), half.substring(0, half.length() / 2), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertEquals(List.of("r1"), log.readAll().stream().map(RunRecord::runId).toList());
        log.append(record("r3", 2, 0.7));
        assertEquals(List.of("r1", "r3"), log.readAll().stream().map(RunRecord::runId).toList());
        assertTrue(Files.readString(log.file()).endsWith("}\n"));
    }

    @Test
    void invalidLinesAnywhereAreSkippedNamingFileAndLineAndTheRestIsUsed() throws Exception {
        RunLog log = RunLog.in(dir);
        log.append(record("r1", 0, 0.5));
        String r2 = RunLog.toJson(record("r2", 1, 0.6));
        // what two unlocked writers leave: a line cut short by another's, a line that is not JSON, a record without an id
        Files.writeString(log.file(), r2.substring(0, 40) + r2 + "\n{not json}\n{}\n", StandardOpenOption.APPEND);
        log.append(record("r3", 2, 0.7));
        RunLog.Contents contents = log.read();
        assertEquals(List.of("r1", "r3"), contents.records().stream().map(RunRecord::runId).toList());
        assertEquals(List.of("r1", "r3"), log.readAll().stream().map(RunRecord::runId).toList());
        assertEquals(3, contents.skipped().size(), contents.skipped().toString());
        for (int i = 0; i < 3; i++) {
            String message = contents.skipped().get(i);
            assertTrue(message.startsWith(log.file() + " line " + (i + 2) + ": skipped, not a run record ("), message);
            assertTrue(message.endsWith("); that run counts as not run"), message);
        }
    }

    @Test
    void missingLogReadsAsEmpty() {
        assertEquals(List.of(), RunLog.in(dir.resolve("none")).readAll());
    }

    @Test
    void aRetriedRunCountsOnceAsItsLatestOutcome() {
        RunLog log = RunLog.in(dir);
        RunRecord ok = record("r1", 0, 0.5);
        RunRecord failed = RunRecord.failed(new RunRecord.Setup("r1", "exp", new RunRecord.Configuration("blobs", "",
                "kmeans", Map.of(), 3), 100, 0), "interrupted");
        log.append(failed);
        log.append(record("r2", 1, 0.6));
        log.append(ok);
        assertEquals(List.of("r2", "r1"), log.readLatest().stream().map(RunRecord::runId).toList());
        assertTrue(log.readLatest().get(1).ok());
    }

    @Test
    void recordsAreWrittenWithTheseFieldsInThisOrder() {
        assertEquals("{\"runId\":\"r1\",\"experiment\":\"exp\",\"dataset\":\"blobs\",\"transforms\":\"\",\"algorithm\":\"kmeans\","
                + "\"parameters\":{\"init\":\"k-means++\"},\"k\":3,\"seed\":100,\"seedIndex\":0,\"status\":\"ok\",\"error\":null,"
                + "\"metrics\":{\"train\":{\"distortion\":1234.5,\"purity\":0.5,\"silhouette\":\"NaN\"}},\"iterations\":4,"
                + "\"stopReason\":\"NO_REASSIGNMENT\",\"trace\":[{\"iteration\":1,\"distortion\":2000.25,\"reassignments\":10,"
                + "\"centerShift\":0.5,\"nanos\":1000},{\"iteration\":2,\"distortion\":1234.5,\"reassignments\":0,\"centerShift\":0.0,"
                + "\"nanos\":900}],\"diagnostics\":{\"relocations\":0},\"fitMillis\":12,"
                + "\"artifacts\":{\"labels-train\":\"runs/r1/labels-train.i32\"}}", RunLog.toJson(oneParameter(record("r1", 0, 0.5))));
        assertEquals("{\"runId\":\"r1\",\"experiment\":\"exp\",\"dataset\":\"blobs\",\"transforms\":\"\",\"algorithm\":\"kmeans\","
                + "\"parameters\":{\"init\":\"k-means++\"},\"k\":3,\"seed\":100,\"seedIndex\":0,\"status\":\"failed\",\"error\":\"boom\","
                + "\"metrics\":{},\"iterations\":0,\"stopReason\":null,\"trace\":[],\"diagnostics\":{},\"fitMillis\":0,\"artifacts\":{}}", RunLog.toJson(failedRecord("r1", "boom")));
    }

    @Test
    void aRecordReadBackIsWrittenAgainByteForByte() throws Exception {
        for (RunRecord r : List.of(record("r1", 0, 0.5), failedRecord("r2", "boom"))) {
            String line = RunLog.toJson(r);
            assertEquals(line, RunLog.toJson(RunLog.fromJson(line)));
        }
    }

    @Test
    void linesThatAreNotRecordsAreSkippedSayingWhy() throws Exception {
        RunLog log = RunLog.in(dir);
        Files.writeString(log.file(), "{}\n{\"runId\":\"x\"}\n{\"runId\":\"x\",\"status\":\"ok\",\"k\":\"ten\"}\n[1]\n");
        assertEquals(List.of(
                " line 1: skipped, not a run record (Cannot construct instance of `org.imageclustering.reporting.RunRecord`, "
                        + "problem: runId); that run counts as not run",
                " line 2: skipped, not a run record (Cannot construct instance of `org.imageclustering.reporting.RunRecord`, "
                        + "problem: status); that run counts as not run",
                " line 3: skipped, not a run record (Cannot deserialize value of type `int` from String \"ten\": not a valid "
                        + "`int` value); that run counts as not run",
                " line 4: skipped, not a run record (Cannot deserialize value of type `org.imageclustering.reporting.RunRecord` "
                        + "from Array value (token `JsonToken.START_ARRAY`)); that run counts as not run"), log.read().skipped().stream().map(m -> m.substring(log.file().toString().length())).toList());
    }

    @Test
    void keepFinishedLeavesOnlyTheLatestOkRecordOfEachRun() throws Exception {
        RunLog log = RunLog.in(dir);
        log.append(failedRecord("r1", "interrupted"));
        log.append(record("r2", 1, 0.6));
        log.append(failedRecord("r3", "boom"));
        log.append(record("r1", 0, 0.5));
        Files.writeString(log.file(), "{not json}\n", StandardOpenOption.APPEND);
        RunLog.Contents contents = log.read();
        assertEquals(java.util.Set.of("r1", "r2"), contents.finished());

        assertEquals(2, log.keepFinished(contents)); // the failed r1 (superseded) and r3
        RunLog.Contents after = log.read();
        assertEquals(List.of("r2", "r1"), after.records().stream().map(RunRecord::runId).toList());
        assertEquals(List.of(), after.skipped());
        assertEquals(0, log.keepFinished(after));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(log.file()), files.toList()); // no temporary file left
        }
    }

    @Test
    void aFailedRecordHasNoMetricsFitOrFiles() {
        RunRecord failed = failedRecord("r1", "boom");
        assertEquals(RunRecord.FAILED, failed.status());
        assertEquals("boom", failed.error());
        assertEquals(RunRecord.Fit.NONE, failed.fit());
        assertEquals(Map.of(), failed.metrics());
        assertEquals(Map.of(), failed.artifacts());
        assertTrue(record("r1", 0, 0.5).ok());
        assertEquals(null, record("r1", 0, 0.5).error());
    }
}
