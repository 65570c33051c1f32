package org.imageclustering.experiments.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named transform chain applied in order, fitted on the training split only and then applied
 * unchanged to the test split. An empty chain is the raw pixels.
 *
 * @param name        label in reports
 * @param transforms  the steps in order
 * @param keyPath     where the chain is in the file ({@code transforms}, {@code feature-sets[1]}, or "" when implicit)
 */
public record FeatureSetSpec(String name, List<TransformSpec> transforms, String keyPath) {
    public FeatureSetSpec {
        Objects.requireNonNull(name, "name");
        transforms = List.copyOf(transforms);
        Objects.requireNonNull(keyPath, "keyPath");
    }

    /** The chain for reports: {@code pca(components=50) > l2-normalize}, "" for none. */
    public String chainLabel() {
        return transforms.stream().map(TransformSpec::label).collect(Collectors.joining(" > "));
    }

    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("transforms", transforms.stream().map(TransformSpec::resolved).toList());
        return m;
    }
}
