package org.imageclustering.reporting;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.IterationTrace;

/**
 * One finished (or failed) run of an experiment, as written to {@code runs.jsonl}: enough to
 * rebuild every summary and report without rerunning anything.
 *
 * @param runId        stable id: a hash of the run's resolved configuration
 * @param experiment   the experiment's name
 * @param dataset      dataset label for reports (e.g. {@code fashion-mnist})
 * @param transforms   the transform chain as written for reports (e.g. {@code pca(50)}), "" for none
 * @param algorithm    the algorithm block's name for reports (e.g. {@code kmeans-k++})
 * @param parameters   the resolved algorithm parameters (grid values included)
 * @param k            number of clusters
 * @param seed         the run's root seed
 * @param seedIndex    position of the seed in the experiment's seed list (matches runs across configurations)
 * @param status       {@code ok} or {@code failed}
 * @param error        the failure message, or {@code null}
 * @param metrics      split ({@code train}, {@code test}) to metric name to value
 * @param iterations   iterations of the kept fit
 * @param stopReason   why the fit stopped (a {@link org.imageclustering.core.StopReason} name)
 * @param trace        per-iteration trace of the kept fit
 * @param diagnostics  method-specific facts (JSON-friendly values)
 * @param fitMillis    wall time of the fit
 * @param artifacts    relative paths of files written for this run (centroids, label vectors, pictures)
 */
public record RunRecord(String runId, String experiment, String dataset, String transforms, String algorithm,
                        Map<String, Object> parameters, int k, long seed, int seedIndex, String status, String error,
                        Map<String, Map<String, Double>> metrics, int iterations, String stopReason,
                        List<IterationTrace> trace, Map<String, Object> diagnostics, long fitMillis,
                        Map<String, String> artifacts) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        parameters = parameters == null ? Map.of() : parameters;
        metrics = metrics == null ? Map.of() : metrics;
        trace = trace == null ? List.of() : trace;
        diagnostics = diagnostics == null ? Map.of() : diagnostics;
        artifacts = artifacts == null ? Map.of() : artifacts;
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** The configuration this run belongs to across seeds: everything but the seed. */
    public String configurationKey() {
        return dataset + "|" + transforms + "|" + algorithm + "|" + new java.util.TreeMap<>(parameters) + "|k=" + k;
    }
}
