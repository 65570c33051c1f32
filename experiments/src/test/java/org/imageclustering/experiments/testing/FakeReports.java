package org.imageclustering.experiments.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.imageclustering.experiments.run.ReportWriter;
import org.imageclustering.reporting.RunRecord;

/** In-test report writer: a table of run counts per configuration, and a file listing the run ids. */
public final class FakeReports implements ReportWriter {
    public static final String FILE = "reported-runs.txt";

    @Override
    public String summaryTable(List<RunRecord> runs) {
        return runs.stream().collect(Collectors.groupingBy(r -> r.algorithm() + " K=" + r.k(), java.util.TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getKey() + " runs=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void writeAll(Path experimentDir, List<RunRecord> runs) throws IOException {
        Files.writeString(experimentDir.resolve(FILE), runs.stream().map(RunRecord::runId).collect(Collectors.joining("\n")));
    }

    @Override
    public Path compare(List<Path> experimentDirs) throws IOException {
        Path out = experimentDirs.get(0).resolveSibling("comparison.txt");
        Files.writeString(out, experimentDirs.toString());
        return out;
    }
}
