package org.imageclustering.experiments.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One step of a feature chain: a registered transform name and its settings.
 *
 * @param transform a registered transform name ({@code pca}, {@code standardize}, ...)
 * @param params    its settings, handed over as {@link org.imageclustering.core.Parameters}
 * @param keyPath   where the step is in the file ({@code transforms[0]}, {@code feature-sets[1].transforms[0]})
 */
public record TransformSpec(String transform, Map<String, Object> params, String keyPath) {
    public TransformSpec {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(keyPath, "keyPath");
        params = PlainMaps.frozen(params);
    }

    /** For reports: {@code pca(components=50)} or {@code standardize}. */
    public String label() {
        if (params.isEmpty()) {
            return transform;
        }
        return transform + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transform", transform);
        m.put("params", params);
        return m;
    }
}
