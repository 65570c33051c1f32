package org.imageclustering.experiments.run;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.folder.RecordedRun;
import org.imageclustering.experiments.folder.WriteFailures;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.loader.Dataset;
import org.imageclustering.features.Pictures;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.report.RunArtifacts;
import org.imageclustering.reporting.RunRecord;

/**
 * One run of the plan: builds the algorithm, fits it on the prepared training split, scores it on
 * each split the experiment evaluates, saves its files for the report and returns its record.
 * A failure of the run becomes a failed record; a failure to write results is thrown.
 */
final class SingleRun {
    private static final Logger LOG = LogManager.getLogger(SingleRun.class);

    private final Registry registry;
    private final ExperimentSpec spec;
    private final DataCache cache;

    SingleRun(Registry registry, ExperimentSpec spec, DataCache cache) {
        this.registry = registry;
        this.spec = spec;
        this.cache = cache;
    }

    /** Fits and scores one run; any exception of the run becomes a failed record. */
    RunRecord attempt(PlannedRun run, Parallelism parallel, FitListener listener, RunArtifacts artifacts) {
        try {
            return fitAndScore(run, cache.prepared(run, parallel), parallel, listener, artifacts);
        } catch (WriteFailures.ResultsNotWrittenException e) {
            throw e; // not the run's failure: the results folder's
        } catch (RuntimeException e) {
            LOG.debug("Run {} ({}) failed", run.runId(), run.label(), e);
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
                message = e.getClass().getSimpleName() + ": " + message;
            }
            return RunRecord.failed(RecordedRun.setup(spec.experiment(), run), message);
        }
    }

    /** Fits, scores and (unless {@code artifacts} is null, as in a replay) saves the run's files. */
    private RunRecord fitAndScore(PlannedRun run, PreparedData data, Parallelism parallel, FitListener listener,
                                  RunArtifacts artifacts) {
        ClusteringAlgorithm algorithm = registry.algorithm(run.algorithm().algorithm()).create(run.k(),
                run.algorithmParameters());
        long t0 = System.nanoTime();
        Clustering c = algorithm.fit(data.train().features(), new FitContext(run.fitSeed(), parallel, listener));
        long fitMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, int[]> predictions = new LinkedHashMap<>();
        for (String split : spec.evaluateOn()) {
            Dataset d = "train".equals(split) ? data.train() : data.test();
            if (d == null) {
                continue; // no test split in this dataset: nothing to score there
            }
            int[] predicted = "train".equals(split) ? c.labels() : c.predict(d.features());
            predictions.put(split, predicted);
            MetricInput input = new MetricInput(d.features(), predicted, d.labels(), c.centroids(), run.metricSeed(),
                    parallel);
            Map<String, Double> values = new LinkedHashMap<>();
            // NaN or infinite: the metric does not apply (e.g. one cluster); JSON has no such numbers
            Metrics.scoreAll(registry.metrics(spec.metrics()), input).forEach((name, v) -> {
                if (v != null && Double.isFinite(v)) {
                    values.put(name, v);
                }
            });
            metrics.put(split, values);
        }
        Map<String, String> files;
        try {
            files = artifacts == null ? Map.of() : saveArtifacts(artifacts, run, data, c, predictions);
        } catch (UncheckedIOException e) {
            throw new WriteFailures.ResultsNotWrittenException(e.getMessage(), e.getCause());
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>(c.diagnostics());
        diagnostics.put("train_rows", data.train().size());
        diagnostics.put("features", data.train().features().cols());
        diagnostics.put("fit_seed", run.fitSeed());
        if (!data.chain().steps().isEmpty()) {
            diagnostics.put("transforms", data.chain().summary());
        }
        RunRecord.Fit fit = new RunRecord.Fit(c.iterations(), c.stopReason().name(), c.trace(), diagnostics, fitMillis);
        return RunRecord.ok(RecordedRun.setup(spec.experiment(), run), metrics, fit, files);
    }

    /** Centroids, labels, contingency tables and pictures of the run, for the report. */
    private static Map<String, String> saveArtifacts(RunArtifacts artifacts, PlannedRun run, PreparedData data, Clustering c,
                                                     Map<String, int[]> predictions) {
        Dataset pixels = data.pixels();
        // centroids as pictures: back through the chain as far as it inverts (all the way for raw pixels)
        Optional<Pictures> pictures = data.chain().toPictures(c.centroids());
        // the rows themselves while they are pixels, else the images that precomputed features came from
        Optional<Dataset.Images> drawable = pixels.pictures();
        Map<String, String> files = new LinkedHashMap<>(artifacts.saveStandard(run.runId(), data.train().features(), c.labels(),
                c.centroids(), data.train().labels(), data.train().classNames(), pictures.map(Pictures::rows).orElse(null),
                drawable.map(Dataset.Images::rows).orElse(null),
                pictures.map(Pictures::shape).orElse(drawable.map(Dataset.Images::shape).orElse(null))));
        int[] testPredicted = predictions.get("test");
        if (testPredicted != null) {
            files.putAll(artifacts.writeLabelFiles(run.runId(), "test", testPredicted));
            if (data.test().labels() != null) {
                files.put(RunArtifacts.contingencyKey("test"), artifacts.writeContingency(run.runId(), "test",
                        data.test().labels(), testPredicted, c.k(), data.test().classNames()));
            }
        }
        return files;
    }
}
