package org.imageclustering.experiments.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.experiments.spec.AlgorithmSpec;
import org.imageclustering.experiments.spec.Canonical;
import org.imageclustering.experiments.spec.DatasetSpec;
import org.imageclustering.experiments.spec.FeatureSetSpec;

/**
 * One run of an experiment: one dataset, feature set, algorithm block, grid point, K and seed.
 *
 * <p>Its id is a hash of {@link #resolvedConfig()} (which includes the SHA-256 of any file the run
 * reads, such as starting centroids) and so does not depend on the run's position in
 * the plan or on anything else in the file: adding a K to the sweep leaves the other ids unchanged.
 * Every random choice inside the run uses a seed derived by name from the run's root {@link #seed},
 * so the run gives the same numbers alone or in the middle of a sweep.
 *
 * @param index       position in the plan (0-based), for progress only
 * @param runId       12 hex digits of the SHA-256 of the resolved configuration
 * @param dataset     the dataset
 * @param featureSet  the transform chain
 * @param algorithm   the algorithm block
 * @param parameters  the block's parameters at this grid point (no lists left)
 * @param k           number of clusters
 * @param seed        root seed of the run
 * @param seedIndex   position of the seed in the seed list (matches runs across configurations)
 * @param dataSeed    root seed of the shared data preparation
 */
public record PlannedRun(int index, String runId, DatasetSpec dataset, FeatureSetSpec featureSet, AlgorithmSpec algorithm,
                         Map<String, Object> parameters, int k, long seed, int seedIndex, long dataSeed) {
    /** Length of a run id in hex digits (48 bits: collisions are negligible for any sweep a person runs). */
    public static final int ID_LENGTH = 12;

    public PlannedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(featureSet, "featureSet");
        Objects.requireNonNull(algorithm, "algorithm");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Everything that decides this run's numbers. */
    public static Map<String, Object> resolvedConfig(DatasetSpec dataset, FeatureSetSpec featureSet, AlgorithmSpec algorithm,
                                                     Map<String, Object> parameters, int k, long seed, long dataSeed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.resolved());
        m.put("data-seed", dataSeed);
        m.put("feature-set", featureSet.resolved());
        m.put("algorithm", algorithm.algorithm());
        m.put("name", algorithm.name());
        m.put("parameters", parameters);
        m.put("k", k);
        m.put("seed", seed);
        Map<String, String> files = algorithm.fileHashes(parameters);
        if (!files.isEmpty()) {
            // the content of a file the run reads decides its numbers as much as its path; no file, no key (ids unchanged)
            m.put("file-sha256", files);
        }
        return m;
    }

    /** The id of a run with this configuration. */
    public static String idOf(Map<String, Object> resolvedConfig) {
        return Canonical.sha256(resolvedConfig).substring(0, ID_LENGTH);
    }

    public Map<String, Object> resolvedConfig() {
        return resolvedConfig(dataset, featureSet, algorithm, parameters, k, seed, dataSeed);
    }

    /** Seed of the fit (initialisation, restarts, mini-batches, ...). */
    public long fitSeed() {
        return Seeds.derive(seed, "fit");
    }

    /** Seed of metrics that sample (silhouette on a large split). */
    public long metricSeed() {
        return Seeds.derive(seed, "metrics");
    }

    /** The parameters as the algorithm factory receives them, at the block's key path. */
    public Parameters algorithmParameters() {
        return Parameters.of(algorithm.keyPath(), parameters);
    }

    /** Identifies the prepared data this run needs: runs with the same key share one copy. */
    public String dataKey() {
        return dataKey(dataset, featureSet, dataSeed);
    }

    static String dataKey(DatasetSpec dataset, FeatureSetSpec featureSet, long dataSeed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.resolved());
        m.put("data-seed", dataSeed);
        m.put("feature-set", featureSet.resolved().get("transforms"));
        return Canonical.sha256(m);
    }

    /** Identifies the loaded (untransformed) dataset. */
    public String datasetKey() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.resolved());
        m.put("data-seed", dataSeed);
        return Canonical.sha256(m);
    }

    /** For logs and the progress line: {@code kmeans-k++ {init=random-gaussian} K=10 seed=2}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        sb.append(dataset.name());
        if (!featureSet.transforms().isEmpty()) {
            sb.append('/').append(featureSet.name());
        }
        sb.append(' ').append(algorithm.name());
        Map<String, Object> axes = gridValues();
        if (!axes.isEmpty()) {
            sb.append(' ').append(axes);
        }
        return sb.append(" K=").append(k).append(" seed=").append(seed).toString();
    }

    /** The values of this run on the block's grid axes. */
    public Map<String, Object> gridValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String axis : algorithm.gridAxes()) {
            out.put(axis, parameters.get(axis));
        }
        return out;
    }
}
