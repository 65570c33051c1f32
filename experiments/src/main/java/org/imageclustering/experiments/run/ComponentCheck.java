package org.imageclustering.experiments.run;

import java.util.Map;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.AlgorithmSpec;
import org.imageclustering.experiments.spec.FeatureSetSpec;
import org.imageclustering.experiments.spec.SpecLocations;

/**
 * The check, before any data loads, that every component an experiment names accepts its
 * settings: each algorithm at each grid point and K, each feature set's transforms.
 */
final class ComponentCheck {
    private ComponentCheck() {
    }

    /** Every algorithm and transform of the plan can be built from its settings; errors point into the file. */
    static void check(Registry registry, RunPlan plan, SpecLocations locations) {
        for (AlgorithmSpec a : plan.spec().algorithms()) {
            for (Map<String, Object> point : a.gridPoints()) {
                for (int k : plan.spec().ks()) {
                    try {
                        registry.algorithm(a.algorithm()).create(k, Parameters.of(a.keyPath(), point));
                    } catch (OptionException e) {
                        throw locations.error(e);
                    } catch (IllegalArgumentException e) {
                        throw locations.error(a.keyPath(), e.getMessage() + (a.gridAxes().isEmpty() ? ""
                                : " (at grid point " + point + ", K = " + k + ")"));
                    }
                }
            }
        }
        for (FeatureSetSpec fs : plan.spec().featureSets()) {
            try {
                DataCache.transforms(registry, fs);
            } catch (OptionException e) {
                throw locations.error(e);
            } catch (IllegalArgumentException e) {
                throw locations.error(fs.keyPath(), e.getMessage());
            }
        }
    }
}
