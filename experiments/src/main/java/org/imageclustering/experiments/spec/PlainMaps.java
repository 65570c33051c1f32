package org.imageclustering.experiments.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-keeping, unmodifiable copies of YAML-shaped values (maps, lists, scalars; nulls allowed,
 * which {@link Map#copyOf} refuses).
 */
final class PlainMaps {
    private PlainMaps() {
    }

    static Map<String, Object> frozen(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(k, freeze(v)));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            return frozen((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(freeze(x)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
