package org.imageclustering.experiments.folder;

import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.reporting.RunRecord;

/** How a planned run is named in its record of {@code runs.jsonl}, for writing it and for matching it again. */
public final class RecordedRun {
    private RecordedRun() {
    }

    /** The setup part of the record of {@code run} in experiment {@code experiment}. */
    public static RunRecord.Setup setup(String experiment, PlannedRun run) {
        RunRecord.Configuration configuration = new RunRecord.Configuration(run.dataset().name(), featuresLabel(run),
                run.algorithm().name(), run.parameters(), run.k());
        return new RunRecord.Setup(run.runId(), experiment, configuration, run.seed(), run.seedIndex());
    }

    /**
     * The feature set as records and reports name it: its name, which for the raw pixels given
     * implicitly is {@code pixels}, as in every report.
     */
    public static String featuresLabel(PlannedRun run) {
        return run.featureSet().name();
    }
}
