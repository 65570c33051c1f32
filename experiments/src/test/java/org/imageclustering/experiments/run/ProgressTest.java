package org.imageclustering.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.Catalog;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.reporting.RunRecord;
import org.junit.jupiter.api.Test;

class ProgressTest {
    static final List<PlannedRun> RUNS = RunPlan.of(ExperimentFile.parse("p.yaml", """
            dataset: {loader: blobs}
            algorithms: [{algorithm: kmeans}]
            k: [2, 3]
            seeds: [1]
            """, null, new Catalog(Set.of("blobs"), Set.of("kmeans"), Set.of(), Set.of("purity"))).spec()).runs();

    static RunRecord ok(PlannedRun r) {
        return RunRecord.ok(new RunRecord.Setup(r.runId(), "p", new RunRecord.Configuration("blobs", "", "kmeans",
                Map.of(), r.k()), r.seed(), 0), Map.of("train", Map.of("purity", 0.5)), new RunRecord.Fit(3,
                "NO_REASSIGNMENT", List.of(), Map.of(), 1), Map.of());
    }

    @Test
    void onATerminalTheBarShowsRunsIterationDistortionAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 2, 1);
        p.runStarted(RUNS.get(0));
        p.runFinished(RUNS.get(0), ok(RUNS.get(0)));
        p.runStarted(RUNS.get(1));
        p.listener(RUNS.get(1)).iterationDone(new IterationTrace(7, 1234.5, 3, 0.1, 0));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[############............] 1/2 ETA 0:00"), text);
        assertTrue(text.contains("\r\u001b[K"), "redrawn in place");
        p.finish();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r\u001b[K"), "the bar is erased at the end");
        assertTrue(p.eta() != null);
    }

    @Test
    void withoutATerminalNothingButLogLinesAppear() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 2, 1);
        p.runStarted(RUNS.get(0));
        p.listener(RUNS.get(0)).iterationDone(new IterationTrace(1, 1, 1, 1, 0));
        p.runFinished(RUNS.get(0), ok(RUNS.get(0)));
        p.finish();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
