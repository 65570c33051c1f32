package org.imageclustering.reporting;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.imageclustering.core.IterationTrace;

/**
 * One finished (or failed) run of an experiment, as written to {@code runs.jsonl}: enough to
 * rebuild every summary and report without rerunning anything. Built in parts with
 * {@link #ok} or {@link #failed}; read flat through the accessors below (the file's line format
 * is {@link RunLog}'s business).
 *
 * @param setup      which run this is: its id, experiment, configuration and seed
 * @param status     {@link #OK} or {@link #FAILED}
 * @param error      the failure message, or {@code null}
 * @param metrics    split ({@code train}, {@code test}) to metric name to value
 * @param fit        what the kept fit reported ({@link Fit#NONE} for a failed run)
 * @param artifacts  relative paths of files written for this run (centroids, label vectors, pictures)
 */
public record RunRecord(Setup setup, String status, String error, Map<String, Map<String, Double>> metrics, Fit fit,
                        Map<String, String> artifacts) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public RunRecord {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(status, "status");
        metrics = metrics == null ? Map.of() : metrics;
        fit = fit == null ? Fit.NONE : fit;
        artifacts = artifacts == null ? Map.of() : artifacts;
    }

    /** A run that finished: scored on each split in {@code metrics}, with the files it wrote. */
    public static RunRecord ok(Setup setup, Map<String, Map<String, Double>> metrics, Fit fit, Map<String, String> artifacts) {
        return new RunRecord(setup, OK, null, metrics, fit, artifacts);
    }

    /** A run that failed with {@code error}: no metrics, no fit, no files. */
    public static RunRecord failed(Setup setup, String error) {
        return new RunRecord(setup, FAILED, error, Map.of(), Fit.NONE, Map.of());
    }

    /**
     * Which run a record is of.
     *
     * @param runId          stable id: a hash of the run's resolved configuration
     * @param experiment     the experiment's name
     * @param configuration  what ran, the same for every seed
     * @param seed           the run's root seed
     * @param seedIndex      position of the seed in the experiment's seed list (matches runs across configurations)
     */
    public record Setup(String runId, String experiment, Configuration configuration, long seed, int seedIndex) {
        public Setup {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    /**
     * What ran, apart from the seed: runs of one configuration are summarised across seeds.
     *
     * @param dataset     dataset label for reports (e.g. {@code fashion-mnist})
     * @param transforms  the feature set as written for reports (e.g. {@code pca(50)}), "" for none
     * @param algorithm   the algorithm block's name for reports (e.g. {@code kmeans-k++})
     * @param parameters  the resolved algorithm parameters (grid values included)
     * @param k           number of clusters
     */
    public record Configuration(String dataset, String transforms, String algorithm, Map<String, Object> parameters, int k) {
        public Configuration {
            parameters = parameters == null ? Map.of() : parameters;
        }

        /** The configuration as one string, for grouping records across seeds. */
        public String key() {
            return dataset + "|" + transforms + "|" + algorithm + "|" + new TreeMap<>(parameters) + "|k=" + k;
        }
    }

    /**
     * What the kept fit of a run reported.
     *
     * @param iterations   iterations of the kept fit
     * @param stopReason   why the fit stopped (a {@link org.imageclustering.core.StopReason} name)
     * @param trace        per-iteration trace of the kept fit
     * @param diagnostics  method-specific facts (JSON-friendly values)
     * @param fitMillis    wall time of the fit
     */
    public record Fit(int iterations, String stopReason, List<IterationTrace> trace, Map<String, Object> diagnostics,
                      long fitMillis) {
        /** No fit: the record of a failed run. */
        public static final Fit NONE = new Fit(0, null, List.of(), Map.of(), 0);

        public Fit {
            trace = trace == null ? List.of() : trace;
            diagnostics = diagnostics == null ? Map.of() : diagnostics;
        }
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** The configuration this run belongs to across seeds: everything but the seed. */
    public String configurationKey() {
        return setup.configuration().key();
    }

    // Flat reading, as summaries and reports use a record.

    public String runId() {
        return setup.runId();
    }

    public String experiment() {
        return setup.experiment();
    }

    public long seed() {
        return setup.seed();
    }

    public int seedIndex() {
        return setup.seedIndex();
    }

    public String dataset() {
        return setup.configuration().dataset();
    }

    public String transforms() {
        return setup.configuration().transforms();
    }

    public String algorithm() {
        return setup.configuration().algorithm();
    }

    public Map<String, Object> parameters() {
        return setup.configuration().parameters();
    }

    public int k() {
        return setup.configuration().k();
    }

    public int iterations() {
        return fit.iterations();
    }

    public String stopReason() {
        return fit.stopReason();
    }

    public List<IterationTrace> trace() {
        return fit.trace();
    }

    public Map<String, Object> diagnostics() {
        return fit.diagnostics();
    }

    public long fitMillis() {
        return fit.fitMillis();
    }
}
