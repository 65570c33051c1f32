package org.imageclustering.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imageclustering.core.Seeds;
import java.util.stream.LongStream;
import org.imageclustering.experiments.spec.Catalog;
import org.imageclustering.experiments.spec.Defaults;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.junit.jupiter.api.Test;

class RunPlanTest {
    static final Catalog CATALOG = new Catalog(Set.of("fashion-mnist", "cifar10"), Set.of("kmeans", "spectral"),
            Set.of("pca"), Set.of("purity"));
    static final String YAML = """
            experiment: plan
            datasets:
              - {loader: fashion-mnist}
              - {loader: cifar10, batches: 1}
            algorithms:
              - {name: plain, algorithm: kmeans}
              - name: grid
                algorithm: kmeans
                init: [k-means++, random-gaussian]
                restarts: [1, 3]
            k: [5, 10, 15]
            seeds: [7, 8]
            """;

    static RunPlan plan(String yaml, String overrides) {
        return RunPlan.of(ExperimentFile.parse("plan.yaml", yaml, overrides, CATALOG).spec());
    }

    @Test
    void aSpecBuiltInCodeBeyondTheRunLimitIsRefusedBeforeExpanding() {
        ExperimentSpec spec = ExperimentFile.parse("plan.yaml", YAML, null, CATALOG).spec();
        List<Long> seeds = LongStream.range(0, Defaults.MAX_RUNS).boxed().toList();
        ExperimentSpec huge = new ExperimentSpec(spec.experiment(), spec.output(), spec.datasets(), spec.featureSets(),
                spec.algorithms(), spec.ks(), seeds, spec.dataSeed(), spec.metrics(), spec.evaluateOn(), 1, 1);
        assertEquals(2L * 5 * 3 * Defaults.MAX_RUNS, huge.runCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunPlan.of(huge));
        assertEquals("experiment plan has 3000000 runs, more than the limit of 100000", e.getMessage());
    }

    @Test
    void expansionIsDatasetsTimesAlgorithmsTimesGridTimesKTimesSeedsWithSeedsFastest() {
        RunPlan p = plan(YAML, null);
        assertEquals(2 * (1 + 4) * 3 * 2, p.size());
        List<PlannedRun> runs = p.runs();
        assertEquals(List.of(7L, 8L, 7L, 8L), runs.subList(0, 4).stream().map(PlannedRun::seed).toList());
        assertEquals(List.of(5, 5, 10, 10), runs.subList(0, 4).stream().map(PlannedRun::k).toList());
        assertEquals("plain", runs.get(0).algorithm().name());
        assertEquals(Map.of("init", "k-means++", "restarts", 1), runs.get(6).parameters());
        assertEquals(Map.of("init", "k-means++", "restarts", 3), runs.get(12).parameters());
        assertEquals(Map.of("init", "random-gaussian", "restarts", 1), runs.get(18).parameters());
        assertEquals("fashion-mnist", runs.get(29).dataset().name());
        assertEquals("cifar10", runs.get(30).dataset().name());
        assertEquals(Map.of("datasets", 2, "feature sets", 1, "algorithm blocks", 2, "parameter points", 5, "k", 3, "seeds", 2),
                p.axisCounts());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i, runs.get(i).index());
        }
    }

    @Test
    void runIdsAreDistinctHashesOfTheRunConfiguration() {
        RunPlan p = plan(YAML, null);
        Set<String> ids = p.runs().stream().map(PlannedRun::runId).collect(Collectors.toSet());
        assertEquals(p.size(), ids.size());
        assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-f]{12}")));
        assertEquals(PlannedRun.idOf(p.runs().get(3).resolvedConfig()), p.runs().get(3).runId());
    }

    @Test
    void runIdsDoNotDependOnPositionOrExecutionSettings() {
        RunPlan p = plan(YAML, null);
        Set<String> ids = p.runs().stream().map(PlannedRun::runId).collect(Collectors.toSet());
        RunPlan more = plan(YAML, "k=[2,5,10,15],threads=7,parallel-runs=2");
        Set<String> moreIds = more.runs().stream().map(PlannedRun::runId).collect(Collectors.toSet());
        assertTrue(moreIds.containsAll(ids), "adding K = 2 leaves every other run id unchanged");
        assertEquals(ids.size() + 2 * 5 * 2, moreIds.size());
        assertEquals(more.remaining(ids).stream().map(PlannedRun::k).distinct().toList(), List.of(2));
    }

    @Test
    void changingAParameterChangesOnlyTheIdsOfItsBlock() {
        RunPlan p = plan(YAML, null);
        RunPlan q = plan(YAML, "algorithms[1].restarts=[1,4]");
        for (int i = 0; i < p.size(); i++) {
            PlannedRun a = p.runs().get(i);
            PlannedRun b = q.runs().get(i);
            boolean changed = a.algorithm().name().equals("grid") && a.parameters().get("restarts").equals(3);
            assertEquals(!changed, a.runId().equals(b.runId()), a.label());
        }
    }

    @Test
    void seedsOfARunAreDerivedByNameFromItsRootSeed() {
        PlannedRun r = plan(YAML, null).runs().get(5);
        assertEquals(Seeds.derive(r.seed(), "fit"), r.fitSeed());
        assertEquals(Seeds.derive(r.seed(), "metrics"), r.metricSeed());
        assertNotEquals(r.fitSeed(), r.metricSeed());
        PlannedRun sameSeedOtherK = plan(YAML, null).runs().get(7);
        assertEquals(r.seed(), sameSeedOtherK.seed());
        assertEquals(r.fitSeed(), sameSeedOtherK.fitSeed(), "the seed is the run's root, shared across configurations");
    }

    @Test
    void runsOfTheSameDataShareOneDataKey() {
        RunPlan p = plan(YAML, null);
        Map<String, Integer> perKey = p.runsPerDataKey();
        assertEquals(2, perKey.size());
        assertEquals(List.of(30, 30), List.copyOf(perKey.values()));
    }
}
