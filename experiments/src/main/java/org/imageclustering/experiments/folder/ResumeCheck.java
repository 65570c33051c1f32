package org.imageclustering.experiments.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.Canonical;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;

/**
 * The rule for resuming in a results folder: a configuration may add runs to the results already
 * there, never change them. Compares the plan with the folder's manifest and run records.
 */
public final class ResumeCheck {
    /** Keys of the spec whose lists may gain (or lose) entries without changing any recorded run. */
    private static final Set<String> MAY_GROW = Set.of("datasets", "feature-sets", "algorithms", "k", "seeds");

    private ResumeCheck() {
    }

    /**
     * Refuses a folder whose results this configuration would contradict. A configuration that only
     * adds runs (K values, seeds at the end of the list, grid points, algorithm blocks, feature sets,
     * datasets) passes: every recorded run keeps its id. One that leaves runs out passes too (their
     * records stay). What changes a recorded run's settings, its seed's position, or what every run
     * records (metrics, splits, data seed) is refused and named.
     */
    public static void check(Path dir, RunPlan plan) throws IOException {
        ExperimentSpec spec = plan.spec();
        Map<String, Object> old = Manifest.read(dir);
        if (old == null) {
            if (Files.exists(dir.resolve(RunLog.FILE_NAME))) {
                throw new ConfigException(null, "", dir + " holds a " + RunLog.FILE_NAME + " but no " + Manifest.FILE
                        + ", so it cannot be matched to this configuration; rerun with -Dfresh=true to move it aside and "
                        + "start over, or give this experiment another `experiment` name");
            }
            return;
        }
        if (spec.hash().equals(old.get("specHash"))) {
            return;
        }
        Map<?, ?> oldSpec = old.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        List<String> fixed = changedKeys(oldSpec, spec.identity()).stream().filter(k -> !MAY_GROW.contains(k)).toList();
        String conflict = fixed.isEmpty() ? firstConflict(oldSpec, plan, RunLog.in(dir).read().latest())
                : String.join(", ", fixed);
        if (conflict != null) {
            throw new ConfigException(null, "", dir + " holds results of a different configuration of experiment '"
                    + spec.experiment() + "' (changed: " + conflict + "). Only adding runs (K values, seeds at the end, grid "
                    + "points, algorithm blocks, feature sets, datasets) keeps a results folder. Rerun with -Dfresh=true to "
                    + "move those results aside and start over, or change `experiment` (or `output`) to keep both");
        }
    }

    private static List<String> changedKeys(Map<?, ?> old, Map<String, Object> identity) {
        List<String> changed = new ArrayList<>();
        identity.forEach((key, value) -> {
            if (!Canonical.json(value).equals(Canonical.json(old.get(key)))) {
                changed.add(key);
            }
        });
        return changed.isEmpty() ? List.of("the spec hash") : changed;
    }

    /**
     * The first recorded run that this plan would run with other settings or at another seed
     * position, described for the refusal; {@code null} if there is none. A recorded run missing
     * from the plan is matched to the planned run in its place (same dataset, feature set,
     * algorithm block, K, seed and values on the block's recorded grid axes): if there is one, the
     * run was changed; if not, it was left out.
     */
    private static String firstConflict(Map<?, ?> oldSpec, RunPlan plan, List<RunRecord> latest) {
        for (RunRecord r : latest) {
            PlannedRun same = plan.run(r.runId());
            if (same != null) {
                if (same.seedIndex() != r.seedIndex()) {
                    return "seeds: seed " + r.seed() + " moved from position " + (r.seedIndex() + 1) + " to "
                            + (same.seedIndex() + 1) + " (add new seeds at the end of the list)";
                }
                continue;
            }
            for (PlannedRun p : plan.runs()) {
                if (samePlace(oldSpec, p, r)) {
                    return changedPart(oldSpec, p) + ": the recorded run " + r.runId() + " (" + p.label()
                            + ") would now run with other settings";
                }
            }
        }
        return null;
    }

    private static boolean samePlace(Map<?, ?> oldSpec, PlannedRun p, RunRecord r) {
        if (!p.dataset().name().equals(r.dataset()) || !RecordedRun.featuresLabel(p).equals(r.transforms())
                || !p.algorithm().name().equals(r.algorithm()) || p.k() != r.k() || p.seed() != r.seed()) {
            return false;
        }
        Map<?, ?> oldBlock = named(oldSpec.get("algorithms"), p.algorithm().name());
        Collection<?> axes = oldBlock != null && oldBlock.get("params") instanceof Map<?, ?> params
                ? params.entrySet().stream().filter(e -> e.getValue() instanceof List<?>).map(Map.Entry::getKey).toList()
                : p.algorithm().gridAxes();
        for (Object axis : axes) {
            if (!Canonical.json(p.parameters().get(axis)).equals(Canonical.json(r.parameters().get(axis)))) {
                return false;
            }
        }
        return true;
    }

    /** The key path of the block whose settings differ from the recorded spec for run {@code p}. */
    private static String changedPart(Map<?, ?> oldSpec, PlannedRun p) {
        if (!sameEntry(oldSpec.get("datasets"), p.dataset().name(), p.dataset().resolved())) {
            return p.dataset().keyPath();
        }
        if (!sameEntry(oldSpec.get("feature-sets"), p.featureSet().name(), p.featureSet().resolved())) {
            return p.featureSet().keyPath().isEmpty() ? "transforms" : p.featureSet().keyPath();
        }
        if (!sameEntry(oldSpec.get("algorithms"), p.algorithm().name(), p.algorithm().resolved())) {
            return p.algorithm().keyPath();
        }
        return "the run's settings";
    }

    private static boolean sameEntry(Object oldList, String name, Map<String, Object> resolved) {
        Map<?, ?> old = named(oldList, name);
        return old != null && Canonical.json(old).equals(Canonical.json(resolved));
    }

    /** The entry of a list of named blocks (as the manifest holds them) called {@code name}, or {@code null}. */
    private static Map<?, ?> named(Object list, String name) {
        if (list instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return null;
    }
}
