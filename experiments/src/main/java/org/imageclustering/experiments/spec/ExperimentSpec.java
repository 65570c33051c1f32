package org.imageclustering.experiments.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated experiment file: what to load, how to turn images into features, which algorithms
 * with which parameters, which K, which seeds, what to score and where to write.
 *
 * @param experiment    name of the experiment; results go to {@code <output>/<experiment>/}
 * @param output        folder holding one sub-folder per experiment
 * @param datasets      one or more datasets, compared in one report
 * @param featureSets   one or more transform chains (a single empty chain means raw pixels)
 * @param algorithms    one or more algorithm blocks
 * @param ks            the numbers of clusters, ascending as written
 * @param seeds         root seeds, one run per seed and configuration
 * @param dataSeed      root seed of the shared data preparation (subsample, fitted transforms)
 * @param metrics       metric names; empty means every registered metric
 * @param evaluateOn    splits to score: {@code train} and/or {@code test}
 * @param threads       worker threads in all, {@code 0} for one per processor
 * @param parallelRuns  runs executed at the same time
 */
public record ExperimentSpec(String experiment, String output, List<DatasetSpec> datasets,
                             List<FeatureSetSpec> featureSets, List<AlgorithmSpec> algorithms, List<Integer> ks,
                             List<Long> seeds, long dataSeed, List<String> metrics, List<String> evaluateOn,
                             int threads, int parallelRuns) {
    public ExperimentSpec {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(output, "output");
        datasets = List.copyOf(datasets);
        featureSets = List.copyOf(featureSets);
        algorithms = List.copyOf(algorithms);
        ks = List.copyOf(ks);
        seeds = List.copyOf(seeds);
        metrics = List.copyOf(metrics);
        evaluateOn = List.copyOf(evaluateOn);
        if (datasets.isEmpty() || featureSets.isEmpty() || algorithms.isEmpty() || ks.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one dataset, feature set, algorithm, K and seed");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, was " + threads);
        }
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("parallel-runs must be >= 1, was " + parallelRuns);
        }
    }

    /**
     * How many runs the plan has: datasets x feature sets x grid points of every block x K x seeds,
     * computed without expanding anything; {@link Long#MAX_VALUE} if the product overflows.
     */
    public long runCount() {
        return times(times(times(times(datasets.size(), featureSets.size()), configurationCount()), ks.size()), seeds.size());
    }

    /** Grid points summed over the algorithm blocks (saturating at {@link Long#MAX_VALUE}). */
    public long configurationCount() {
        long points = 0;
        for (AlgorithmSpec a : algorithms) {
            long g = a.gridSize();
            points = points > Long.MAX_VALUE - g ? Long.MAX_VALUE : points + g;
        }
        return points;
    }

    /** {@code a * b} for counts (both >= 0), {@link Long#MAX_VALUE} instead of overflowing. */
    static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Threads on this machine ({@link Defaults#threads}). */
    public int effectiveThreads() {
        return Defaults.threads(threads);
    }

    /**
     * The settings that decide the results, in canonical order: everything except where results go
     * and how many threads compute them (neither changes a number). Its hash identifies the experiment.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", experiment);
        m.put("datasets", datasets.stream().map(DatasetSpec::resolved).toList());
        m.put("feature-sets", featureSets.stream().map(FeatureSetSpec::resolved).toList());
        m.put("algorithms", algorithms.stream().map(AlgorithmSpec::resolved).toList());
        m.put("k", ks);
        m.put("seeds", seeds);
        m.put("data-seed", dataSeed);
        m.put("metrics", metrics);
        m.put("evaluate-on", evaluateOn);
        return m;
    }

    /** {@link #identity()} plus the execution settings, for the manifest. */
    public Map<String, Object> resolved() {
        Map<String, Object> m = identity();
        m.put("output", output);
        m.put("threads", threads);
        m.put("parallel-runs", parallelRuns);
        return m;
    }

    /** Hex SHA-256 of the canonical JSON of {@link #identity()}. */
    public String hash() {
        return Canonical.sha256(identity());
    }
}
