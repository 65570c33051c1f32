package org.imageclustering.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imageclustering.core.Sha256;

/**
 * Canonical JSON of YAML-shaped values (map keys sorted at every depth, so that the order keys
 * were written in does not change a hash) and its SHA-256: the basis of spec hashes and run ids.
 */
public final class Canonical {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Canonical() {
    }

    /** Sorted-key compact JSON. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    /** Hex SHA-256 of {@link #json}. */
    public static String sha256(Object value) {
        return Sha256.hex(json(value));
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Canonical::sorted).toList();
        }
        return v;
    }
}
