package org.imageclustering.experiments.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML value together with where it was written: a mapping, a sequence or a scalar.
 *
 * <p>The experiment file is read into this tree rather than bound straight to records because
 * Jackson's record binding reports the position where a block ends, not where the offending key
 * is; here every key and every value keeps its own line and column.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {
    /** Where the value starts. */
    Location location();

    /** The value as plain Java objects (LinkedHashMap, ArrayList, String, Integer, Long, Double, Boolean, null). */
    Object toPlain();

    /** A short description of the value's kind for "found ..." messages. */
    String describe();

    /** One key of a mapping with where the key itself was written. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    /** A mapping; keys keep their order of appearance. */
    final class MapNode implements YamlNode {
        private final Location location;
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public MapNode(Location location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        @Override
        public Location location() {
            return location;
        }

        public Map<String, Entry> entries() {
            return Collections.unmodifiableMap(entries);
        }

        public Entry entry(String key) {
            return entries.get(key);
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        /** Adds or replaces a key (replacement is used by command-line overrides). */
        public void put(Entry entry) {
            entries.put(entry.key(), entry);
        }

        public void remove(String key) {
            entries.remove(key);
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().toPlain()));
            return out;
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A sequence. */
    final class ListNode implements YamlNode {
        private final Location location;
        private final List<YamlNode> items = new ArrayList<>();

        public ListNode(Location location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        @Override
        public Location location() {
            return location;
        }

        public List<YamlNode> items() {
            return Collections.unmodifiableList(items);
        }

        public void add(YamlNode node) {
            items.add(node);
        }

        public void set(int index, YamlNode node) {
            items.set(index, node);
        }

        @Override
        public Object toPlain() {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(i.toPlain()));
            return out;
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A single value: {@link String}, {@link Integer}, {@link Long}, {@link java.math.BigInteger},
     * {@link Double}, {@link Boolean}, or {@code null} (YAML {@code ~}, {@code null} or nothing).
     */
    record Scalar(Object value, Location location) implements YamlNode {
        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            return String.valueOf(value);
        }
    }
}
