package org.imageclustering.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.reporting.RunRecord;

/**
 * What the runner asks of the reporting module at the end of an experiment, and what the command
 * line's {@code -Dreport} and {@code -Dcompare} delegate to. Bound in Guice to the reporting
 * module's report writers, so summaries and report formats have one owner.
 */
public interface ReportWriter {
    /** The console summary: mean, sd, min and max of each metric per configuration and K, across seeds. */
    String summaryTable(List<RunRecord> runs);

    /** Writes every report file (summary.csv, summary.md, report.html, images/) into {@code experimentDir}. */
    void writeAll(Path experimentDir, List<RunRecord> runs) throws IOException;

    /** Writes a comparison of several results folders and returns where it went. */
    Path compare(List<Path> experimentDirs) throws IOException;
}
