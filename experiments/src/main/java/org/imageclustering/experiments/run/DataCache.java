package org.imageclustering.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.spec.DatasetSpec;
import org.imageclustering.experiments.spec.InputFiles;
import org.imageclustering.experiments.spec.SpecLocations;
import org.imageclustering.experiments.spec.TransformSpec;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.features.Transform;
import org.imageclustering.features.Transforms;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.Subsample;
import org.imageclustering.experiments.spec.FeatureSetSpec;

/**
 * Loads each dataset of an experiment once and transforms it once per feature chain, sharing the
 * result between every run that needs it (never one copy per run). An entry is dropped when the
 * last run that needs it has finished, so a long sweep over several datasets does not hold them all.
 *
 * <p>This is the one cache of transformed splits: an entry is keyed by the run's
 * {@link PlannedRun#dataKey() data key} (the dataset block, the data seed and the chain's transforms
 * with their settings, not the feature set's name), so feature sets that name the same chain share one
 * fit; when runs execute in parallel, the first to ask fits the chain and the others wait for it.
 */
public final class DataCache {
    private static final Logger LOG = LogManager.getLogger(DataCache.class);

    private final Registry registry;
    private final SpecLocations locations;
    private final Map<String, DatasetSplits> loaded = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PreparedData>> prepared = new ConcurrentHashMap<>();
    private final Map<String, Integer> pendingPerDataset = new ConcurrentHashMap<>();
    private final Map<String, Integer> pendingPerData = new ConcurrentHashMap<>();

    public DataCache(Registry registry, SpecLocations locations) {
        this.registry = registry;
        this.locations = locations;
    }

    /** Counts the runs that will ask for each entry, so entries can be dropped after their last run. */
    public void expect(List<PlannedRun> runs) {
        for (PlannedRun r : runs) {
            pendingPerDataset.merge(r.datasetKey(), 1, Integer::sum);
            pendingPerData.merge(r.dataKey(), 1, Integer::sum);
        }
    }

    /**
     * Loads the dataset of every run in {@code runs} (once each) and checks what can only be checked
     * against the data: a missing path, loader options, K larger than the training split.
     *
     * @throws org.imageclustering.experiments.spec.ConfigException for a configuration problem
     * @throws IOException if a data file is unreadable or corrupt
     */
    public void loadAll(List<PlannedRun> runs) throws IOException {
        for (PlannedRun r : runs) {
            if (!loaded.containsKey(r.datasetKey())) {
                loaded.put(r.datasetKey(), load(r.dataset(), r.dataSeed()));
            }
        }
        for (PlannedRun r : runs) {
            int n = loaded.get(r.datasetKey()).train().size();
            if (r.k() > n) {
                throw locations.error("k", "K = " + r.k() + " is larger than the number of training images of dataset '"
                        + r.dataset().name() + "' (" + n + (r.dataset().limit() != null ? " after `limit`" : "") + ")");
            }
        }
        checkInputFiles(runs);
    }

    /**
     * Every file a run reads (starting centroids, an affinity graph) fits the run's data: K rows and
     * as many columns as the features after the feature chain, or indices within the training rows.
     * The chain is fitted here when a centroid file needs its width (the fit is cached for the runs).
     */
    private void checkInputFiles(List<PlannedRun> runs) {
        Set<String> checked = new HashSet<>();
        for (PlannedRun r : runs) {
            for (String key : InputFiles.KEYS) {
                if (!(r.parameters().get(key) instanceof String file)
                        || !checked.add(String.join("\u0000", key, file, Integer.toString(r.k()), r.dataKey()))) {
                    continue;
                }
                Dataset train = splits(r).train();
                boolean chained = !r.featureSet().transforms().isEmpty();
                int features = key.equals(InputFiles.CENTROIDS) && chained
                        ? prepared(r, Parallelism.sequential()).train().features().cols() : train.features().cols();
                String data = "dataset '" + r.dataset().name() + "'" + (chained ? " after feature set '"
                        + r.featureSet().name() + "'" : "");
                String problem = InputFiles.shapeProblem(key, Path.of(file), r.k(), train.size(), features, data);
                if (problem != null) {
                    Object written = r.algorithm().params().get(key);
                    String keyPath = r.algorithm().keyPath() + "." + key
                            + (written instanceof List<?> axis ? "[" + axis.indexOf(file) + "]" : "");
                    throw locations.error(keyPath, problem);
                }
            }
        }
    }

    /** The loaded (untransformed) splits of a run's dataset; {@link #loadAll} must have run. */
    public DatasetSplits splits(PlannedRun run) {
        DatasetSplits s = loaded.get(run.datasetKey());
        if (s == null) {
            throw new IllegalStateException("dataset " + run.dataset().name() + " was not loaded");
        }
        return s;
    }

    private DatasetSplits load(DatasetSpec spec, long dataSeed) throws IOException {
        Path path = spec.path() == null ? null : Path.of(spec.path());
        // a missing path is left to the loader first: its message names every place it looked and where to get the data
        LoaderOptions options = new LoaderOptions(path, spec.raw(), spec.loaderParameters());
        long t0 = System.nanoTime();
        DatasetSplits splits;
        try {
            splits = registry.loader(spec.loader()).load(options);
        } catch (OptionException e) {
            throw locations.error(e);
        } catch (NoSuchFileException e) {
            String key = spec.keyPath() + (path != null ? ".path" : ".loader");
            throw locations.error(key, (path != null && onThisDisk(spec) && !Files.exists(path) ? missing(spec) + "; " : "")
                    + e.getMessage());
        } catch (DatasetFormatException | IllegalArgumentException e) {
            // broken data (a truncated file, a label without a class) is bad input like a bad key: exit 2, at the block
            String key = spec.keyPath() + (path != null ? ".path" : ".loader");
            throw new ConfigException(locations.at(key), key, "the data is broken: " + e.getMessage(), e);
        }
        if (path != null && onThisDisk(spec) && !Files.exists(path)) {
            // a loader that ignores its path must not hide a path that names nothing
            throw locations.error(spec.keyPath() + ".path", missing(spec));
        }
        Dataset train = splits.train();
        if (spec.limit() != null) {
            train = Subsample.stratified(train, spec.limit(), Seeds.derive(dataSeed, "subsample"));
        }
        DatasetSplits result = new DatasetSplits(train, splits.test());
        LOG.info("Loaded {}: {} training images x {} features{}{} in {} ms", spec.name(), train.size(),
                train.features().cols(), splits.test() == null ? "" : ", " + splits.test().size() + " test images",
                spec.limit() != null && train.size() < splits.train().size() ? " (limit " + spec.limit() + " of "
                        + splits.train().size() + ")" : "", (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    /**
     * The run's data after its feature chain, computed by the first run that asks and shared with
     * the others; a preparation failure is remembered and fails every run of that data alike.
     */
    public PreparedData prepared(PlannedRun run, Parallelism parallel) {
        CompletableFuture<PreparedData> mine = new CompletableFuture<>();
        CompletableFuture<PreparedData> existing = prepared.putIfAbsent(run.dataKey(), mine);
        if (existing == null) {
            try {
                mine.complete(prepare(run, parallel));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private PreparedData prepare(PlannedRun run, Parallelism parallel) {
        DatasetSplits splits = splits(run);
        List<TransformSpec> specs = run.featureSet().transforms();
        if (specs.isEmpty()) {
            return new PreparedData(splits.train(), splits.test(), splits.train(), Transforms.fit(List.of(), splits.train(),
                    FitContext.of(0)).chain());
        }
        long seed = Seeds.derive(run.dataSeed(), "transforms");
        Transforms.Fitted fitted = Transforms.fit(transforms(registry, run.featureSet()), splits.train(),
                new FitContext(seed, parallel, FitListener.NONE));
        for (int i = 0; i < specs.size(); i++) {
            LOG.info("Fitted {} on {} ({} training rows) in {} s", specs.get(i).label(), run.dataset().name(),
                    splits.train().size(), String.format(java.util.Locale.ROOT, "%.2f", fitted.chain().fitSeconds().get(i)));
        }
        Dataset test = splits.test() == null ? null : fitted.chain().apply(splits.test(), parallel);
        LOG.info("Feature set {} of {}: {} features", run.featureSet().name(), run.dataset().name(),
                fitted.train().features().cols());
        return new PreparedData(fitted.train(), test, splits.train(), fitted.chain());
    }

    /**
     * The transforms of a feature set, each built from its name and settings as the file gives them.
     *
     * @throws OptionException naming the entry's key path for a bad setting
     */
    public static List<Transform> transforms(Registry registry, FeatureSetSpec featureSet) {
        List<Transform> chain = new ArrayList<>();
        for (TransformSpec t : featureSet.transforms()) {
            chain.add(Transforms.create(registry.transforms(), t.transform(), Parameters.of(t.keyPath(), t.params())));
        }
        return chain;
    }

    /** Marks one run of {@code run}'s data as finished, dropping entries no remaining run needs. */
    public void release(PlannedRun run) {
        if (pendingPerData.merge(run.dataKey(), -1, Integer::sum) <= 0) {
            pendingPerData.remove(run.dataKey());
            prepared.remove(run.dataKey());
        }
        if (pendingPerDataset.merge(run.datasetKey(), -1, Integer::sum) <= 0) {
            pendingPerDataset.remove(run.datasetKey());
            loaded.remove(run.datasetKey());
        }
    }

    /** How many prepared copies are held (for tests of sharing). */
    int preparedCount() {
        return prepared.size();
    }

    /**
     * Whether the path names a file here, not a URI ({@code hdfs://namenode/data}, {@code s3a://bucket/data})
     * that only a loader reading through Hadoop (Spark's {@code parquet}) can check.
     */
    private static boolean onThisDisk(DatasetSpec spec) {
        return !spec.path().matches("[A-Za-z][A-Za-z0-9+.-]+://.*");
    }

    private static String missing(DatasetSpec spec) {
        return "'" + spec.path() + "' does not exist (relative paths start at " + Path.of("").toAbsolutePath() + ")";
    }
}
