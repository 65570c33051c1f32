package org.imageclustering.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only bag of named parameters as they come from an experiment file (numbers, strings,
 * booleans, lists, maps), with typed getters that fail with an {@link OptionException} naming the
 * key path, and a check that every given key was understood.
 *
 * <p>Factories read what they need and then call {@link #requireAllUsed()}, so a misspelt key is
 * an error with a suggestion instead of a silently ignored setting.
 */
public final class Parameters {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> used = new LinkedHashSet<>();

    private Parameters(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** Parameters found at {@code path} (e.g. {@code algorithms[1]}) of a configuration. */
    public static Parameters of(String path, Map<String, ?> values) {
        return new Parameters(Objects.requireNonNull(path, "path"), new LinkedHashMap<>(values));
    }

    /** No parameters. */
    public static Parameters empty(String path) {
        return of(path, Map.of());
    }

    /** Key path prefix of these parameters. */
    public String path() {
        return path;
    }

    /** The raw values, in the order they were given. */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public boolean has(String key) {
        used.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    /** Full key path of {@code key}. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public int integer(String key, int defaultValue) {
        return has(key) ? integer(key) : defaultValue;
    }

    /** A required integer. */
    public int integer(String key) {
        Object v = require(key);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        throw wrongType(key, "an integer", v);
    }

    public long longValue(String key, long defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = values.get(key);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw wrongType(key, "an integer", v);
    }

    public double number(String key, double defaultValue) {
        return has(key) ? number(key) : defaultValue;
    }

    /** A required number (an integer is accepted). */
    public double number(String key) {
        Object v = require(key);
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw wrongType(key, "a number", v);
    }

    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false", v);
    }

    public String string(String key, String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    /** A required string. */
    public String string(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string", v);
    }

    /**
     * A name parsed by {@code parser} (e.g. {@code Initialization::fromName}); a parse failure becomes an
     * {@link OptionException} at this key.
     */
    public <E> E choice(String key, E defaultValue, Function<String, E> parser) {
        if (!has(key)) {
            return defaultValue;
        }
        String s = string(key);
        try {
            return parser.apply(s);
        } catch (OptionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new OptionException(keyPath(key), e.getMessage());
        }
    }

    /** A list of integers (a single integer is accepted as a one-element list). */
    public List<Integer> integers(String key, List<Integer> defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = values.get(key);
        List<Integer> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                if (!(e instanceof Integer)) {
                    throw new OptionException(keyPath(key) + "[" + i + "]", "expected an integer, found " + describe(e));
                }
                out.add((Integer) e);
            }
            return out;
        }
        return List.of(integer(key));
    }

    /** The nested parameters under {@code key} (a map), or empty ones when absent. */
    public Parameters nested(String key) {
        if (!has(key)) {
            return empty(keyPath(key));
        }
        Object v = values.get(key);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((a, b) -> copy.put(String.valueOf(a), b));
            return of(keyPath(key), copy);
        }
        throw wrongType(key, "a map of settings", v);
    }

    /** A required value of any type. */
    public Object raw(String key) {
        return require(key);
    }

    /** Fails on the first key that no getter asked for, suggesting the closest known key. */
    public void requireAllUsed() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new OptionException(keyPath(key), "unknown key '" + key + "'"
                        + Suggestions.hint(key, used) + "; known keys here: " + used);
            }
        }
    }

    /** An error about the value at {@code key}. */
    public OptionException invalid(String key, String message) {
        return new OptionException(keyPath(key), message);
    }

    private Object require(String key) {
        used.add(key);
        Object v = values.get(key);
        if (v == null) {
            throw new OptionException(keyPath(key), "a value is required");
        }
        return v;
    }

    private OptionException wrongType(String key, String expected, Object found) {
        return new OptionException(keyPath(key), "expected " + expected + ", found " + describe(found));
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List) {
            return "a list " + v;
        }
        if (v instanceof Map) {
            return "a map";
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return path + values;
    }
}
