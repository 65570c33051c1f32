package org.imageclustering.experiments.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One algorithm block: a registered algorithm, a label for reports and its parameters, where a
 * parameter given as a list is a grid axis ({@code init: [k-means++, random-gaussian]} makes two
 * configurations). To hand a list itself to an algorithm, wrap it in another list.
 *
 * @param name       label in reports; unique within the file
 * @param algorithm  a registered algorithm name ({@code kmeans}, {@code minibatch-kmeans}, {@code spectral})
 * @param params     parameters as written, list values being grid axes
 * @param keyPath    where the block is in the file ({@code algorithms[0]})
 * @param fileHashes SHA-256 of the content of each file the block's options name, by the path as written
 */
public record AlgorithmSpec(String name, String algorithm, Map<String, Object> params, String keyPath,
                            Map<String, String> fileHashes) {
    public AlgorithmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyPath, "keyPath");
        params = PlainMaps.frozen(params);
        fileHashes = Collections.unmodifiableMap(new TreeMap<>(fileHashes));
    }

    /** A block whose options name no file. */
    public AlgorithmSpec(String name, String algorithm, Map<String, Object> params, String keyPath) {
        this(name, algorithm, params, keyPath, Map.of());
    }

    /**
     * The SHA-256 of each file a run at grid point {@code point} reads, by option key
     * ({@link InputFiles#KEYS}); empty when it reads none.
     */
    public Map<String, String> fileHashes(Map<String, Object> point) {
        Map<String, String> out = new TreeMap<>();
        for (String key : InputFiles.KEYS) {
            if (point.get(key) instanceof String file && fileHashes.containsKey(file)) {
                out.put(key, fileHashes.get(file));
            }
        }
        return out;
    }

    /** The keys that are grid axes, in the order written. */
    public List<String> gridAxes() {
        return params.entrySet().stream().filter(e -> e.getValue() instanceof List<?>).map(Map.Entry::getKey).toList();
    }

    /** How many grid points the block has: the product of its axis sizes, {@link Long#MAX_VALUE} if that overflows. */
    public long gridSize() {
        long size = 1;
        for (Object v : params.values()) {
            size = ExperimentSpec.times(size, v instanceof List<?> l ? l.size() : 1);
        }
        return size;
    }

    /**
     * Every grid point: the parameters with each list replaced by one of its values. The first axis
     * varies slowest, so the order follows the file.
     */
    public List<Map<String, Object>> gridPoints() {
        if (gridSize() > Defaults.MAX_RUNS) {
            throw new IllegalArgumentException(keyPath + " has " + gridSize() + " grid points, more than the "
                    + Defaults.MAX_RUNS + " runs an experiment may have");
        }
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, Object> e : params.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            for (Map<String, Object> p : points) {
                for (Object v : values) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points.stream().map(PlainMaps::frozen).toList();
    }

    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("algorithm", algorithm);
        m.put("params", params);
        if (!fileHashes.isEmpty()) {
            m.put("file-sha256", fileHashes); // only then, so that blocks without files keep their hash
        }
        return m;
    }
}
