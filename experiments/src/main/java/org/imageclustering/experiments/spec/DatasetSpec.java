package org.imageclustering.experiments.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.Parameters;

/**
 * One dataset of an experiment: which loader reads it, from where, and how much of it.
 *
 * @param name     label in reports (defaults to the loader name)
 * @param loader   a registered loader name ({@code fashion-mnist}, {@code cifar10}, ...)
 * @param path     where the files are, as written in the file (relative to the working directory),
 *                 or {@code null} for the loader's default places
 * @param limit    seeded stratified subsample size of the training split, or {@code null} for all
 * @param raw      keep stored values instead of scaling to [0, 1]
 * @param params   loader-specific settings, handed to the loader as {@link org.imageclustering.core.Parameters}
 * @param keyPath  where this block is in the file ({@code dataset} or {@code datasets[1]})
 */
public record DatasetSpec(String name, String loader, String path, Integer limit, boolean raw,
                          Map<String, Object> params, String keyPath) {
    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(keyPath, "keyPath");
        params = PlainMaps.frozen(params);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    /**
     * The loader's parameters at this block's key path. The keys the runner itself reads count as
     * known, so a misspelt {@code limit} gets "did you mean 'limit'?" from the loader's key check.
     */
    public Parameters loaderParameters() {
        Parameters p = Parameters.of(keyPath, params);
        SpecReader.DATASET_KEYS.forEach(p::has); // has() marks a key as known
        return p;
    }

    /** The settings that decide the data, in a canonical order, for hashing and the manifest. */
    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("loader", loader);
        m.put("path", path);
        m.put("limit", limit);
        m.put("raw", raw);
        m.put("params", params);
        return m;
    }
}
