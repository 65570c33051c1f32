package org.imageclustering.experiments.spec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.imageclustering.core.Suggestions;
import org.imageclustering.reporting.metrics.Metrics;

/**
 * Turns a {@link YamlNode} tree into a validated {@link ExperimentSpec}. Every problem becomes a
 * {@link ConfigException} that names the file, the line and column of the offending key (or list
 * item), its key path, what was expected and, for near-miss keys and names, a suggestion.
 *
 * <p>Keys this reader does not know inside a {@code dataset}, transform or algorithm block are
 * handed to the loader or factory as its parameters; those check their own keys.
 */
public final class SpecReader {
    static final String EXPERIMENT = "experiment";
    static final String OUTPUT = "output";
    static final String DATASET = "dataset";
    static final String DATASETS = "datasets";
    static final String TRANSFORMS = "transforms";
    static final String FEATURE_SETS = "feature-sets";
    static final String ALGORITHMS = "algorithms";
    static final String K = "k";
    static final String SEEDS = "seeds";
    static final String REPEATS = "repeats";
    static final String BASE_SEED = "base-seed";
    static final String DATA_SEED = "data-seed";
    static final String METRICS = "metrics";
    static final String EVALUATE_ON = "evaluate-on";
    static final String THREADS = "threads";
    static final String PARALLEL_RUNS = "parallel-runs";

    /** The top-level keys, in the order the README documents them. */
    public static final List<String> TOP_LEVEL_KEYS = List.of(EXPERIMENT, OUTPUT, DATASET, DATASETS, TRANSFORMS,
            FEATURE_SETS, ALGORITHMS, K, SEEDS, REPEATS, BASE_SEED, DATA_SEED, METRICS, EVALUATE_ON, THREADS,
            PARALLEL_RUNS);
    /** Keys of a dataset block that the runner reads; the others go to the loader. */
    public static final List<String> DATASET_KEYS = List.of("loader", "name", "path", "limit", "raw");
    /** Keys of an algorithm block that the runner reads; the others are the algorithm's parameters. */
    public static final List<String> ALGORITHM_KEYS = List.of("name", "algorithm");
    /** Keys that belong at the top level and are refused inside an algorithm block. */
    private static final List<String> NOT_PER_ALGORITHM = List.of(K, SEEDS, "seed", REPEATS, BASE_SEED);
    private static final List<String> SPLITS = List.of("train", "test");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    /** Longest experiment, dataset, feature-set or algorithm name: room for the suffixes added to folder names. */
    static final int MAX_NAME_LENGTH = 100;

    private final Catalog catalog;

    public SpecReader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Validates {@code root}.
     *
     * @param source        the file name for messages
     * @param defaultName   the experiment name when the file has no {@code experiment} key (its file name stem)
     */
    public ExperimentSpec read(YamlNode root, String source, String defaultName) {
        if (root == null) {
            throw new ConfigException(new Location(source, 1, 1), "", "the file is empty; an experiment needs at least "
                    + "`dataset`, `algorithms` and `k`");
        }
        YamlNode.MapNode top = map(root, null, "", "the experiment settings (a map of keys such as dataset, algorithms, k)");
        checkKeys(top, "", TOP_LEVEL_KEYS);

        String experiment = optionalString(top, "", EXPERIMENT, defaultName);
        checkName(top, "", EXPERIMENT, experiment, "an experiment name (letters, digits, '.', '_', '-', '+')");
        String output = optionalString(top, "", OUTPUT, Defaults.OUTPUT);
        checkOutput(top, output, experiment);

        exclusive(top, "", DATASET, DATASETS);
        List<DatasetSpec> datasets = new ArrayList<>();
        if (top.has(DATASET)) {
            datasets.add(dataset(top.get(DATASET), top.entry(DATASET).keyLocation(), DATASET));
        } else if (top.has(DATASETS)) {
            YamlNode.ListNode list = nonEmptyList(top, "", DATASETS, "a list of dataset blocks");
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                datasets.add(dataset(item, item.location(), DATASETS + "[" + i + "]"));
            }
            unique(datasets.stream().map(DatasetSpec::name).toList(), i -> list.items().get(i).location(),
                    i -> DATASETS + "[" + i + "]", "dataset", "give each dataset a different `name`");
        } else {
            throw missing(top, "", DATASET, "a `dataset` block (or a `datasets` list), e.g. {loader: fashion-mnist}");
        }

        exclusive(top, "", TRANSFORMS, FEATURE_SETS);
        List<FeatureSetSpec> featureSets = new ArrayList<>();
        if (top.has(TRANSFORMS)) {
            List<TransformSpec> chain = chain(top, "", TRANSFORMS);
            String label = chain.stream().map(TransformSpec::label).reduce((a, b) -> a + " > " + b).orElse(Defaults.RAW_FEATURE_SET);
            featureSets.add(new FeatureSetSpec(label, chain, TRANSFORMS));
        } else if (top.has(FEATURE_SETS)) {
            YamlNode.ListNode list = nonEmptyList(top, "", FEATURE_SETS, "a list of {name, transforms} blocks");
            for (int i = 0; i < list.items().size(); i++) {
                String path = FEATURE_SETS + "[" + i + "]";
                YamlNode.MapNode fs = map(list.items().get(i), null, path, "a feature set {name: ..., transforms: [...]}");
                checkKeys(fs, path, List.of("name", TRANSFORMS));
                String name = requiredString(fs, path, "name", "a name for the feature set, e.g. pca50");
                checkName(fs, path, "name", name, "a feature-set name (letters, digits, '.', '_', '-', '+')");
                List<TransformSpec> chain = fs.has(TRANSFORMS) ? chain(fs, path, TRANSFORMS) : List.of();
                featureSets.add(new FeatureSetSpec(name, chain, path));
            }
            unique(featureSets.stream().map(FeatureSetSpec::name).toList(), i -> list.items().get(i).location(),
                    i -> FEATURE_SETS + "[" + i + "].name", "feature set", "give each feature set a different `name`");
        } else {
            featureSets.add(new FeatureSetSpec(Defaults.RAW_FEATURE_SET, List.of(), ""));
        }

        if (!top.has(ALGORITHMS)) {
            throw missing(top, "", ALGORITHMS, "a list of algorithm blocks, e.g. [{algorithm: kmeans, init: k-means++}]");
        }
        YamlNode.ListNode algList = nonEmptyList(top, "", ALGORITHMS, "a list of algorithm blocks");
        List<AlgorithmSpec> algorithms = new ArrayList<>();
        for (int i = 0; i < algList.items().size(); i++) {
            algorithms.add(algorithm(algList.items().get(i), ALGORITHMS + "[" + i + "]"));
        }
        unique(algorithms.stream().map(AlgorithmSpec::name).toList(), i -> algList.items().get(i).location(),
                i -> ALGORITHMS + "[" + i + "]", "algorithm block",
                "give each block a different `name` (it labels the block in reports)");

        List<Integer> ks = ks(top);
        List<Long> seeds = seeds(top);
        long dataSeed = top.has(DATA_SEED) ? longValue(top.get(DATA_SEED), top.entry(DATA_SEED).keyLocation(), DATA_SEED)
                : Defaults.DATA_SEED;

        List<String> metrics = names(top, METRICS, catalog.metrics(), "metric");
        if (metrics.isEmpty()) {
            // the standard list: not the other NMI/AMI normalisations nor the costly gap statistic
            metrics = new ArrayList<>(new TreeSet<>(catalog.metrics()));
            metrics.removeIf(m -> !Metrics.inDefaultList(m));
        }
        List<String> evaluateOn = top.has(EVALUATE_ON) ? names(top, EVALUATE_ON, SPLITS, "split") : Defaults.EVALUATE_ON;
        if (evaluateOn.isEmpty()) {
            throw error(top.entry(EVALUATE_ON).keyLocation(), EVALUATE_ON, "expected at least one of " + SPLITS
                    + ", found an empty list");
        }
        int threads = optionalInt(top, "", THREADS, Defaults.THREADS, 0, "an integer >= 0 (0 = one per processor)");
        int parallelRuns = optionalInt(top, "", PARALLEL_RUNS, Defaults.PARALLEL_RUNS, 1, "an integer >= 1");
        ExperimentSpec spec = new ExperimentSpec(experiment, output, datasets, featureSets, algorithms, ks, seeds, dataSeed,
                metrics, evaluateOn, threads, parallelRuns);
        checkPlanSize(top, spec);
        return spec;
    }

    /**
     * Refuses a plan of more than {@link Defaults#MAX_RUNS} runs, at the key of its longest axis (the
     * one most likely written by mistake). Each axis was already checked alone before it was expanded.
     */
    private static void checkPlanSize(YamlNode.MapNode top, ExperimentSpec spec) {
        long runs = spec.runCount();
        if (runs <= Defaults.MAX_RUNS) {
            return;
        }
        long points = spec.configurationCount();
        Map<String, Long> axes = new LinkedHashMap<>();
        axes.put(top.has(DATASET) ? DATASET : DATASETS, (long) spec.datasets().size());
        if (top.has(FEATURE_SETS)) {
            axes.put(FEATURE_SETS, (long) spec.featureSets().size());
        }
        axes.put(ALGORITHMS, points);
        axes.put(K, (long) spec.ks().size());
        if (top.has(SEEDS) || top.has(REPEATS)) {
            axes.put(top.has(SEEDS) ? SEEDS : REPEATS, (long) spec.seeds().size());
        }
        String longest = axes.entrySet().stream().filter(e -> top.has(e.getKey()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(K);
        String product = spec.datasets().size() + " dataset(s) x " + spec.featureSets().size() + " feature set(s) x "
                + points + " algorithm configuration(s) x " + spec.ks().size() + " K x " + spec.seeds().size() + " seed(s)";
        throw error(top.entry(longest).keyLocation(), longest, "the plan has " + product + " = "
                + (runs == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : runs) + " runs, more than the limit of "
                + Defaults.MAX_RUNS + "; shorten `" + longest + "` or split the sweep into several experiments");
    }

    /** Refuses one axis of {@code count} values (counted before it is expanded) that alone exceeds the run limit. */
    private static void checkAxis(long count, Location at, String path, String what) {
        if (count > Defaults.MAX_RUNS) {
            throw error(at, path, what + " would make " + count + " runs, more than the limit of " + Defaults.MAX_RUNS
                    + " runs per experiment; shorten it or split the sweep into several experiments");
        }
    }

    private DatasetSpec dataset(YamlNode node, Location at, String path) {
        YamlNode.MapNode m = map(node, at, path, "a dataset block, e.g. {loader: fashion-mnist, path: data/fashion-mnist-sample}");
        String loader = requiredString(m, path, "loader", "a loader name, one of " + sorted(catalog.loaders()));
        known(m, path, "loader", loader, catalog.loaders(), "loader");
        String name = optionalString(m, path, "name", loader);
        checkName(m, path, "name", name, "a dataset name (letters, digits, '.', '_', '-', '+')");
        String p = optionalString(m, path, "path", null);
        Integer limit = m.has("limit") ? optionalInt(m, path, "limit", 0, 1, "an integer >= 1 (images kept from the training split)") : null;
        boolean raw = optionalBool(m, path, "raw", Defaults.RAW);
        Map<String, Object> params = new LinkedHashMap<>();
        m.entries().forEach((k, e) -> {
            if (!DATASET_KEYS.contains(k)) {
                params.put(k, e.value().toPlain());
            }
        });
        return new DatasetSpec(name, loader, p, limit, raw, params, path);
    }

    private List<TransformSpec> chain(YamlNode.MapNode parent, String parentPath, String key) {
        String path = join(parentPath, key);
        YamlNode node = parent.get(key);
        if (node instanceof YamlNode.Scalar s && s.value() == null) {
            return List.of();
        }
        YamlNode.ListNode list = list(node, parent.entry(key).keyLocation(), path,
                "a list of transforms, e.g. [{transform: pca, components: 50}]");
        List<TransformSpec> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String p = path + "[" + i + "]";
            YamlNode item = list.items().get(i);
            YamlNode.MapNode m;
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String name) {
                // a bare name is a transform without settings: `transforms: [standardize]`
                known(item.location(), p, name, catalog.transforms(), "transform");
                out.add(new TransformSpec(name, Map.of(), p));
                continue;
            }
            m = map(item, null, p, "a transform block, e.g. {transform: pca, components: 50}");
            String name = requiredString(m, p, "transform", "a transform name, one of " + sorted(catalog.transforms()));
            known(m, p, "transform", name, catalog.transforms(), "transform");
            Map<String, Object> params = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> {
                if (!k.equals("transform")) {
                    params.put(k, e.value().toPlain());
                }
            });
            out.add(new TransformSpec(name, params, p));
        }
        return out;
    }

    private AlgorithmSpec algorithm(YamlNode node, String path) {
        YamlNode.MapNode m = map(node, null, path, "an algorithm block, e.g. {name: kmeans-k++, algorithm: kmeans, init: k-means++}");
        String algorithm = requiredString(m, path, "algorithm", "an algorithm name, one of " + sorted(catalog.algorithms()));
        known(m, path, "algorithm", algorithm, catalog.algorithms(), "algorithm");
        String name = optionalString(m, path, "name", algorithm);
        checkName(m, path, "name", name, "a label (letters, digits, '.', '_', '-', '+')");
        Map<String, Object> params = new LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries().values()) {
            if (ALGORITHM_KEYS.contains(e.key())) {
                continue;
            }
            String p = path + "." + e.key();
            if (NOT_PER_ALGORITHM.contains(e.key())) {
                throw error(e.keyLocation(), p, "`" + e.key() + "` is set once for the whole experiment, at the top level"
                        + " (every algorithm runs with every K and seed)");
            }
            if (e.value() instanceof YamlNode.ListNode l && l.items().isEmpty()) {
                throw error(e.keyLocation(), p, "a list makes a grid axis and needs at least one value, found an empty list");
            }
            params.put(e.key(), e.value().toPlain());
        }
        AlgorithmSpec spec = new AlgorithmSpec(name, algorithm, params, path, fileHashes(m, path));
        if (spec.gridSize() > Defaults.MAX_RUNS) {
            // point at the longest axis; the product is computed without expanding the grid
            YamlNode.Entry longest = m.entries().values().stream().filter(e -> e.value() instanceof YamlNode.ListNode)
                    .max(java.util.Comparator.comparingInt(e -> ((YamlNode.ListNode) e.value()).items().size())).orElseThrow();
            checkAxis(spec.gridSize(), longest.keyLocation(), path + "." + longest.key(), "the grid of " + path + " ("
                    + spec.gridAxes().stream().map(a -> a + ": " + ((List<?>) spec.params().get(a)).size())
                    .reduce((a, b) -> a + " x " + b).orElse("") + " values)");
        }
        return spec;
    }

    /** The SHA-256 of every file named by an option of {@link InputFiles#KEYS} (one value or a grid axis of them). */
    private static Map<String, String> fileHashes(YamlNode.MapNode block, String path) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String key : InputFiles.KEYS) {
            YamlNode node = block.get(key);
            if (node == null) {
                continue;
            }
            List<YamlNode> values = node instanceof YamlNode.ListNode l ? l.items() : List.of(node);
            for (YamlNode v : values) {
                Location at = node instanceof YamlNode.ListNode ? v.location() : block.entry(key).keyLocation();
                if (!(v instanceof YamlNode.Scalar s) || !(s.value() instanceof String file) || file.isBlank()) {
                    throw error(at, join(path, key), "expected a file name, found " + v.describe());
                }
                try {
                    hashes.put(file, InputFiles.sha256(Path.of(file)));
                } catch (NoSuchFileException | InvalidPathException e) {
                    throw error(at, join(path, key), "file '" + file + "' does not exist (relative paths start at "
                            + Path.of("").toAbsolutePath() + ")");
                } catch (IOException e) {
                    throw error(at, join(path, key), "cannot read file '" + file + "': " + e);
                }
            }
        }
        return hashes;
    }

    private List<Integer> ks(YamlNode.MapNode top) {
        if (!top.has(K)) {
            throw missing(top, "", K, "the numbers of clusters: a list like [5, 10, 15] or a range {from: 2, to: 20, step: 2}");
        }
        YamlNode node = top.get(K);
        Location keyAt = top.entry(K).keyLocation();
        List<Integer> out = new ArrayList<>();
        if (node instanceof YamlNode.MapNode range) {
            checkKeys(range, K, List.of("from", "to", "step"));
            int from = requiredInt(range, K, "from", Defaults.MIN_K, "an integer >= " + Defaults.MIN_K);
            int to = requiredInt(range, K, "to", from, "an integer >= from (" + from + ")");
            int step = optionalInt(range, K, "step", Defaults.K_STEP, 1, "an integer >= 1");
            checkAxis(((long) to - from) / step + 1, keyAt, K, "the range {from: " + from + ", to: " + to + ", step: "
                    + step + "}");
            for (long v = from; v <= to; v += step) {
                out.add((int) v);
            }
            return out;
        }
        if (node instanceof YamlNode.Scalar) {
            out.add(intIn(node, keyAt, K, Defaults.MIN_K, "an integer >= " + Defaults.MIN_K));
            return out;
        }
        YamlNode.ListNode list = nonEmptyList(top, "", K, "a list of integers or a range {from, to, step}");
        checkAxis(list.items().size(), keyAt, K, "a list of " + list.items().size() + " values of K");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            int v = intIn(item, item.location(), K + "[" + i + "]", Defaults.MIN_K, "an integer >= " + Defaults.MIN_K);
            Integer first = seen.putIfAbsent(v, i);
            if (first != null) {
                throw error(item.location(), K + "[" + i + "]", "K = " + v + " is already listed at k[" + first + "]");
            }
            out.add(v);
        }
        return out;
    }

    private List<Long> seeds(YamlNode.MapNode top) {
        if (top.has(SEEDS) && (top.has(REPEATS) || top.has(BASE_SEED))) {
            String other = top.has(REPEATS) ? REPEATS : BASE_SEED;
            throw error(top.entry(other).keyLocation(), other, "give either `seeds` (a list) or `repeats` with an optional "
                    + "`base-seed`, not both (`seeds` is at line " + top.entry(SEEDS).keyLocation().line() + ")");
        }
        List<Long> out = new ArrayList<>();
        if (top.has(SEEDS)) {
            YamlNode node = top.get(SEEDS);
            if (node instanceof YamlNode.Scalar) {
                out.add(longValue(node, top.entry(SEEDS).keyLocation(), SEEDS));
                return out;
            }
            YamlNode.ListNode list = nonEmptyList(top, "", SEEDS, "a list of integer seeds, e.g. [1, 2, 3]");
            checkAxis(list.items().size(), top.entry(SEEDS).keyLocation(), SEEDS, "a list of " + list.items().size()
                    + " seeds");
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                long v = longValue(item, item.location(), SEEDS + "[" + i + "]");
                if (!seen.add(v)) {
                    throw error(item.location(), SEEDS + "[" + i + "]", "seed " + v + " is listed twice");
                }
                out.add(v);
            }
            return out;
        }
        int repeats = optionalInt(top, "", REPEATS, Defaults.REPEATS, 1, "an integer >= 1");
        if (top.has(REPEATS)) {
            checkAxis(repeats, top.entry(REPEATS).keyLocation(), REPEATS, repeats + " repeats");
        }
        long base = top.has(BASE_SEED) ? longValue(top.get(BASE_SEED), top.entry(BASE_SEED).keyLocation(), BASE_SEED)
                : Defaults.BASE_SEED;
        for (int i = 0; i < repeats; i++) {
            out.add(base + i);
        }
        return out;
    }

    private List<String> names(YamlNode.MapNode top, String key, Collection<String> allowed, String what) {
        if (!top.has(key)) {
            return List.of();
        }
        YamlNode node = top.get(key);
        Location keyAt = top.entry(key).keyLocation();
        List<YamlNode> items = node instanceof YamlNode.ListNode l ? l.items() : List.of(node);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String p = node instanceof YamlNode.ListNode ? key + "[" + i + "]" : key;
            Location at = node instanceof YamlNode.ListNode ? item.location() : keyAt;
            if (!(item instanceof YamlNode.Scalar s) || !(s.value() instanceof String name)) {
                throw error(at, p, "expected a " + what + " name, found " + item.describe());
            }
            known(at, p, name, allowed, what);
            if (!out.add(name)) {
                throw error(at, p, what + " '" + name + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    // ---- typed access with positions ----

    private static YamlNode.MapNode map(YamlNode node, Location keyAt, String path, String expected) {
        if (node instanceof YamlNode.MapNode m) {
            return m;
        }
        throw error(keyAt != null ? keyAt : node.location(), path, "expected " + expected + ", found " + node.describe());
    }

    private static YamlNode.ListNode list(YamlNode node, Location keyAt, String path, String expected) {
        if (node instanceof YamlNode.ListNode l) {
            return l;
        }
        throw error(keyAt, path, "expected " + expected + ", found " + node.describe());
    }

    private static YamlNode.ListNode nonEmptyList(YamlNode.MapNode m, String parentPath, String key, String expected) {
        YamlNode.ListNode l = list(m.get(key), m.entry(key).keyLocation(), join(parentPath, key), expected);
        if (l.items().isEmpty()) {
            throw error(m.entry(key).keyLocation(), join(parentPath, key), "expected " + expected + ", found an empty list");
        }
        return l;
    }

    private static void checkKeys(YamlNode.MapNode m, String path, List<String> allowed) {
        for (YamlNode.Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                throw error(e.keyLocation(), join(path, e.key()), "unknown key '" + e.key() + "'"
                        + Suggestions.hint(e.key(), allowed) + "; known keys here: " + allowed);
            }
        }
    }

    private static void exclusive(YamlNode.MapNode m, String path, String a, String b) {
        if (m.has(a) && m.has(b)) {
            throw error(m.entry(b).keyLocation(), join(path, b), "give either `" + a + "` or `" + b + "`, not both (`"
                    + a + "` is at line " + m.entry(a).keyLocation().line() + ")");
        }
    }

    private static ConfigException missing(YamlNode.MapNode m, String path, String key, String expected) {
        // a near miss of the required key is most likely it, misspelt: point there
        for (YamlNode.Entry e : m.entries().values()) {
            if (Suggestions.closest(e.key(), List.of(key)).isPresent()) {
                return error(e.keyLocation(), join(path, e.key()), "unknown key '" + e.key() + "' (did you mean '" + key
                        + "'?); the required key '" + key + "' is missing: expected " + expected);
            }
        }
        return error(m.location(), join(path, key), "missing required key '" + key + "': expected " + expected);
    }

    private static String requiredString(YamlNode.MapNode m, String path, String key, String expected) {
        if (!m.has(key)) {
            throw missing(m, path, key, expected);
        }
        return string(m, path, key, expected);
    }

    private static String optionalString(YamlNode.MapNode m, String path, String key, String defaultValue) {
        return m.has(key) ? string(m, path, key, "a string") : defaultValue;
    }

    private static String string(YamlNode.MapNode m, String path, String key, String expected) {
        YamlNode v = m.get(key);
        if (v instanceof YamlNode.Scalar s && s.value() instanceof String str && !str.isBlank()) {
            return str;
        }
        throw error(m.entry(key).keyLocation(), join(path, key), "expected " + expected + ", found " + v.describe());
    }

    private static boolean optionalBool(YamlNode.MapNode m, String path, String key, boolean defaultValue) {
        if (!m.has(key)) {
            return defaultValue;
        }
        YamlNode v = m.get(key);
        if (v instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw error(m.entry(key).keyLocation(), join(path, key), "expected true or false, found " + v.describe());
    }

    private static int requiredInt(YamlNode.MapNode m, String path, String key, int min, String expected) {
        if (!m.has(key)) {
            throw missing(m, path, key, expected);
        }
        return intIn(m.get(key), m.entry(key).keyLocation(), join(path, key), min, expected);
    }

    private static int optionalInt(YamlNode.MapNode m, String path, String key, int defaultValue, int min, String expected) {
        return m.has(key) ? intIn(m.get(key), m.entry(key).keyLocation(), join(path, key), min, expected) : defaultValue;
    }

    private static int intIn(YamlNode node, Location at, String path, int min, String expected) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long)) {
            long v = ((Number) s.value()).longValue();
            if (v >= min && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        throw error(at, path, "expected " + expected + ", found " + node.describe());
    }

    private static long longValue(YamlNode node, Location at, String path) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long)) {
            return ((Number) s.value()).longValue();
        }
        String found = node instanceof YamlNode.Scalar s && s.value() instanceof BigInteger ? node.describe()
                + " (outside the 64-bit range)" : node.describe();
        throw error(at, path, "expected an integer seed, found " + found);
    }

    private static void checkName(YamlNode.MapNode m, String path, String key, String value, String expected) {
        Location at = m.has(key) ? m.entry(key).keyLocation() : m.location();
        if (!NAME.matcher(value).matches()) {
            throw error(at, join(path, key), "expected " + expected + ", found '" + value + "'");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            // names become folder and file names, which most file systems cap at 255 bytes
            throw error(at, join(path, key), "expected a name of at most " + MAX_NAME_LENGTH + " characters (it names "
                    + "folders and files), found " + value.length() + " characters ('" + value.substring(0, 20) + "...')");
        }
    }

    /**
     * Refuses an {@code output} that cannot hold a results folder: it, or the experiment's folder
     * in it, or the nearest of its parents that exists, is a file, or that parent is read-only.
     */
    private static void checkOutput(YamlNode.MapNode top, String output, String experiment) {
        Location at = top.has(OUTPUT) ? top.entry(OUTPUT).keyLocation() : top.location();
        Path dir;
        try {
            dir = Path.of(output).resolve(experiment).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw error(at, OUTPUT, "expected a folder name, found '" + output + "' (" + e.getReason() + ")");
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw error(at, OUTPUT, "results go to " + dir + ", but " + existing + " is a file, not a folder");
        }
        if (!existing.equals(dir) && !Files.isWritable(existing)) {
            throw error(at, OUTPUT, "results go to " + dir + ", but the folder " + existing + " is not writable");
        }
    }

    private static void known(YamlNode.MapNode m, String path, String key, String value, Collection<String> allowed,
                              String what) {
        known(m.entry(key).keyLocation(), join(path, key), value, allowed, what);
    }

    private static void known(Location at, String path, String value, Collection<String> allowed, String what) {
        if (!allowed.contains(value)) {
            throw error(at, path, "unknown " + what + " '" + value + "'" + Suggestions.hint(value, allowed)
                    + "; registered: " + sorted(allowed));
        }
    }

    private static void unique(List<String> names, java.util.function.IntFunction<Location> at,
                               java.util.function.IntFunction<String> path, String what, String fix) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer first = seen.putIfAbsent(names.get(i), i);
            if (first != null) {
                throw error(at.apply(i), path.apply(i), "two " + what + "s are named '" + names.get(i) + "' (the other is at "
                        + path.apply(first) + "); " + fix);
            }
        }
    }

    private static List<String> sorted(Collection<String> names) {
        return new ArrayList<>(new TreeSet<>(names));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static ConfigException error(Location at, String path, String problem) {
        return new ConfigException(at, path, problem);
    }
}
