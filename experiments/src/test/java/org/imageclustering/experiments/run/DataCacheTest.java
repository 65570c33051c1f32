package org.imageclustering.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.testing.TestComponents;
import org.imageclustering.features.TransformFactory;
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

    @Test
    void aPathThatIsAUriIsLeftToTheLoaderNotLookedUpOnThisDisk() throws IOException {
        ExperimentFile f = ExperimentFile.parse("c.yaml", """
                dataset: {loader: blobs, path: "hdfs://namenode:8020/data/blobs.parquet"}
                algorithms: [{algorithm: kmeans}]
                k: 2
                """, null, registry.catalog());
        List<PlannedRun> runs = RunPlan.of(f.spec()).runs();
        DataCache cache = new DataCache(registry, f.locations());
        cache.loadAll(runs);
        assertTrue(cache.splits(runs.get(0)).train().size() > 0);
    }

    @Test
    void eachChainIsFittedOncePerDatasetAndSharedAcrossFeatureSetsThatNameIt() throws Exception {
        AtomicInteger fits = new AtomicInteger();
        // "counted" learns nothing and counts its fits; it needs a setting, so that settings tell chains apart
        TransformFactory counted = params -> {
            double factor = params.number("factor");
            params.requireAllUsed();
            return (train, context) -> {
                fits.incrementAndGet();
                return data -> data;
            };
        };
        Registry counting = Guice.createInjector(new ExperimentsModule(), new TestComponents(),
                binder -> ExperimentsModule.transforms(binder).addBinding("counted").toInstance(counted))
                .getInstance(Registry.class);
        ExperimentFile f = ExperimentFile.parse("c.yaml", """
                dataset: {loader: blobs}
                feature-sets:
                  - {name: a, transforms: [{transform: counted, factor: 2}, scale]}
                  - {name: b, transforms: [{factor: 2, transform: counted}, {transform: scale}]}
                  - {name: c, transforms: [{transform: counted, factor: 3}, scale]}
                algorithms: [{algorithm: kmeans}]
                k: [2, 3]
                seeds: [1, 2, 3]
                """, null, counting.catalog());
        List<PlannedRun> runs = RunPlan.of(f.spec()).runs();
        DataCache cache = new DataCache(counting, f.locations());
        cache.loadAll(runs);
        cache.expect(runs);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Parallelism p = Parallelism.sequential()) {
            List<Future<PreparedData>> all = pool.invokeAll(runs.stream()
                    .map(r -> (java.util.concurrent.Callable<PreparedData>) () -> cache.prepared(r, p)).toList());
            assertEquals(2, fits.get(), "a and b name one chain (keys in another order), c another");
            assertSame(all.get(0).get(), all.get(runs.size() / 3).get(), "a and b share one copy");
            assertEquals(2, cache.preparedCount());
        } finally {
            pool.shutdownNow();
        }
    }
}
