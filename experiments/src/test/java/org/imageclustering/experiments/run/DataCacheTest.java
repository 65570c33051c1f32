package org.imageclustering.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import java.io.IOException;
import java.util.List;
import org.imageclustering.core.Parallelism;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.testing.TestComponents;
import org.junit.jupiter.api.Test;

class DataCacheTest {
    final Registry registry = Guice.createInjector(new ExperimentsModule(), new TestComponents()).getInstance(Registry.class);

    @Test
    void runsOfOneFeatureSetShareOneCopyWhichIsDroppedAfterTheLastRun() throws IOException {
        ExperimentFile f = ExperimentFile.parse("c.yaml", """
                dataset: {loader: blobs}
                feature-sets:
                  - {name: raw}
                  - {name: scaled, transforms: [scale]}
                algorithms: [{algorithm: kmeans}]
                k: [2, 3]
                seeds: [1, 2]
                """, null, registry.catalog());
        List<PlannedRun> runs = RunPlan.of(f.spec()).runs();
        DataCache cache = new DataCache(registry, f.locations());
        cache.loadAll(runs);
        cache.expect(runs);
        try (Parallelism p = Parallelism.sequential()) {
            PreparedData first = cache.prepared(runs.get(4), p);
            assertSame(first, cache.prepared(runs.get(7), p), "same feature set: the same copy");
            assertEquals(1, cache.preparedCount());
            cache.prepared(runs.get(0), p);
            assertEquals(2, cache.preparedCount());
            for (PlannedRun r : runs.subList(0, 4)) {
                cache.release(r);
            }
            assertEquals(1, cache.preparedCount(), "the raw set's runs are done: its entry is gone");
            for (PlannedRun r : runs.subList(4, 8)) {
                cache.release(r);
            }
            assertEquals(0, cache.preparedCount());
        }
    }
}
