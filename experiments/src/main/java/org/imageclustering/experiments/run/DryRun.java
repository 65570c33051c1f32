package org.imageclustering.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.loader.DatasetSplits;

/**
 * The {@code -DdryRun=true} report: counts per axis, every run id with its settings and whether
 * it already finished, and an estimate of the memory the experiment needs.
 */
final class DryRun {
    private static final double MB = 1024.0 * 1024.0;

    private DryRun() {
    }

    static void print(PrintStream out, ExperimentFile file, RunPlan plan, DataCache cache, Set<String> finished, Path dir) {
        ExperimentSpec spec = plan.spec();
        out.printf(Locale.ROOT, "Plan of experiment '%s' (%s, spec hash %s)%n", spec.experiment(), file.file(),
                spec.hash().substring(0, 12));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, DatasetSplits> datasets = new LinkedHashMap<>();
        plan.runs().forEach(r -> datasets.putIfAbsent(r.dataset().name(), cache.splits(r)));
        values.put("datasets", datasets.entrySet().stream().map(e -> e.getKey() + " (" + describe(e.getValue()) + ")")
                .collect(Collectors.joining(", ")));
        values.put("feature sets", spec.featureSets().stream().map(f -> f.transforms().isEmpty() ? f.name()
                : f.name() + " = " + f.chainLabel()).collect(Collectors.joining(", ")));
        values.put("algorithm blocks", spec.algorithms().stream().map(a -> a.name() + " (" + a.algorithm() + ")")
                .collect(Collectors.joining(", ")));
        values.put("parameter points", spec.algorithms().stream().map(a -> a.gridAxes().isEmpty() ? a.name() + ": 1"
                : a.name() + ": " + a.gridPoints().size() + " over " + a.gridAxes()).collect(Collectors.joining(", ")));
        values.put("k", spec.ks().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        values.put("seeds", spec.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        plan.axisCounts().forEach((axis, count) -> out.printf(Locale.ROOT, "  %-17s %4d  %s%n", axis, count, values.get(axis)));
        int done = (int) plan.runs().stream().filter(r -> finished.contains(r.runId())).count();
        out.printf(Locale.ROOT, "  %-17s %4d  (%d already finished in %s, %d to run)%n", "runs", plan.size(), done, dir,
                plan.size() - done);
        out.println();
        out.println(memory(plan, cache));
        out.println();
        out.printf(Locale.ROOT, "%-12s  %-16s  %-12s  %-16s  %-40s  %4s  %6s  %s%n", "run id", "dataset", "features",
                "algorithm", "parameters", "k", "seed", "status");
        for (PlannedRun r : plan.runs()) {
            out.printf(Locale.ROOT, "%-12s  %-16s  %-12s  %-16s  %-40s  %4d  %6d  %s%n", r.runId(), r.dataset().name(),
                    r.featureSet().name(), r.algorithm().name(), r.parameters(), r.k(), r.seed(),
                    finished.contains(r.runId()) ? "finished" : "to run");
        }
    }

    private static String describe(DatasetSplits s) {
        return s.train().size() + " train x " + s.train().features().cols()
                + (s.test() == null ? "" : ", " + s.test().size() + " test");
    }

    /**
     * Loaded datasets, plus one transformed copy per non-empty chain (assumed as wide as the input,
     * which over-estimates PCA and under-estimates feature extractors that widen rows), plus the
     * working memory of the largest run (labels, distances, centres and their sums) times the runs
     * executing at once.
     */
    static String memory(RunPlan plan, DataCache cache) {
        Map<String, DatasetSplits> byKey = new LinkedHashMap<>();
        plan.runs().forEach(r -> byKey.putIfAbsent(r.datasetKey(), cache.splits(r)));
        double data = byKey.values().stream().mapToDouble(DryRun::bytes).sum();
        long chains = plan.spec().featureSets().stream().filter(f -> !f.transforms().isEmpty()).count();
        double features = chains == 0 ? 0 : byKey.values().stream().mapToDouble(DryRun::bytes).max().orElse(0) * chains;
        double perRun = 0;
        for (PlannedRun r : plan.runs()) {
            DatasetSplits s = cache.splits(r);
            long n = s.train().size() + (s.test() == null ? 0 : s.test().size());
            long d = s.train().features().cols();
            perRun = Math.max(perRun, n * (4.0 + 4.0 + 8.0) + r.k() * d * (3 * 4.0 + 8.0));
        }
        int atOnce = Math.min(plan.spec().parallelRuns(), plan.size());
        double total = data + features + perRun * atOnce;
        return String.format(Locale.ROOT, "Memory estimate: datasets %.1f MB + transformed copies ~%.1f MB + %.1f MB per run"
                + " x %d at a time = ~%.0f MB (this JVM may use up to %.0f MB)", data / MB, features / MB, perRun / MB, atOnce,
                total / MB, Runtime.getRuntime().maxMemory() / MB);
    }

    private static double bytes(DatasetSplits s) {
        double b = s.train().features().data().length * 4.0 + s.train().size() * 4.0;
        if (s.test() != null) {
            b += s.test().features().data().length * 4.0 + s.test().size() * 4.0;
        }
        return b;
    }
}
