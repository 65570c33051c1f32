package org.imageclustering.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.reporting.RunRecord;

/**
 * The {@code runs.jsonl} of an experiment folder as the runner needs it: append one finished run
 * durably, read back what is there. Bound in Guice to the reporting module's writer, so the file
 * format has one owner.
 */
public interface RunJournal {
    /**
     * The records in {@code runsFile} in file order (empty if it does not exist). A torn final line
     * left by a killed process is ignored, never an error.
     */
    List<RunRecord> read(Path runsFile) throws IOException;

    /**
     * Appends {@code record} as one complete line and forces it to disk before returning, so a kill at
     * any moment loses at most the run in progress. Callers serialise concurrent appends.
     */
    void append(Path runsFile, RunRecord record) throws IOException;
}
