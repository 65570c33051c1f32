package org.imageclustering.experiments.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.imageclustering.experiments.spec.AlgorithmSpec;
import org.imageclustering.experiments.spec.DatasetSpec;
import org.imageclustering.experiments.spec.Defaults;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.experiments.spec.FeatureSetSpec;

/**
 * Every run of an experiment, in a fixed order: dataset x feature set x algorithm block x grid point
 * x K x seed (the last varies fastest).
 */
public final class RunPlan {
    private final ExperimentSpec spec;
    private final List<PlannedRun> runs;
    private final Map<String, PlannedRun> byId;

    private RunPlan(ExperimentSpec spec, List<PlannedRun> runs) {
        this.spec = spec;
        this.runs = List.copyOf(runs);
        this.byId = new HashMap<>();
        for (PlannedRun r : runs) {
            PlannedRun clash = byId.putIfAbsent(r.runId(), r);
            if (clash != null) {
                throw new IllegalStateException("runs " + clash.label() + " and " + r.label() + " have the same id "
                        + r.runId());
            }
        }
    }

    /** Expands {@code spec}. */
    public static RunPlan of(ExperimentSpec spec) {
        // the reader refuses such a file at its key; this guards specs built in code
        if (spec.runCount() > Defaults.MAX_RUNS) {
            throw new IllegalArgumentException("experiment " + spec.experiment() + " has " + spec.runCount()
                    + " runs, more than the limit of " + Defaults.MAX_RUNS);
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (DatasetSpec dataset : spec.datasets()) {
            for (FeatureSetSpec featureSet : spec.featureSets()) {
                for (AlgorithmSpec algorithm : spec.algorithms()) {
                    for (Map<String, Object> point : algorithm.gridPoints()) {
                        for (int k : spec.ks()) {
                            for (int s = 0; s < spec.seeds().size(); s++) {
                                long seed = spec.seeds().get(s);
                                String id = PlannedRun.idOf(PlannedRun.resolvedConfig(dataset, featureSet, algorithm, point,
                                        k, seed, spec.dataSeed()));
                                runs.add(new PlannedRun(runs.size(), id, dataset, featureSet, algorithm, point, k, seed, s,
                                        spec.dataSeed()));
                            }
                        }
                    }
                }
            }
        }
        return new RunPlan(spec, runs);
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public List<PlannedRun> runs() {
        return runs;
    }

    public int size() {
        return runs.size();
    }

    /** The run with this id, or {@code null}. */
    public PlannedRun run(String runId) {
        return byId.get(runId);
    }

    /** The runs whose ids are not in {@code finished}, in plan order. */
    public List<PlannedRun> remaining(Collection<String> finished) {
        Set<String> done = Set.copyOf(finished);
        return runs.stream().filter(r -> !done.contains(r.runId())).toList();
    }

    /** How many distinct values each axis has, in expansion order (for the dry run). */
    public Map<String, Integer> axisCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("datasets", spec.datasets().size());
        m.put("feature sets", spec.featureSets().size());
        m.put("algorithm blocks", spec.algorithms().size());
        m.put("parameter points", spec.algorithms().stream().mapToInt(a -> a.gridPoints().size()).sum());
        m.put("k", spec.ks().size());
        m.put("seeds", spec.seeds().size());
        return m;
    }

    /** The distinct prepared-data keys in plan order, with how many runs use each. */
    public Map<String, Integer> runsPerDataKey() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (PlannedRun r : runs) {
            m.merge(r.dataKey(), 1, Integer::sum);
        }
        return m;
    }

    @Override
    public String toString() {
        return "RunPlan[" + spec.experiment() + ", " + runs.size() + " runs]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunPlan p && p.runs.equals(runs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runs);
    }
}
