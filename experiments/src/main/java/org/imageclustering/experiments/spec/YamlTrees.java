package org.imageclustering.experiments.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with the position of every key and value, from
 * Jackson's YAML token stream. Aliases ({@code *name}) of an anchored map or list are resolved to a
 * copy of it, and merge keys ({@code <<: *name}) add the anchor's keys that the map does not set itself.
 */
public final class YamlTrees {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** Deepest nesting accepted; far beyond any experiment file, and far below the parser's own limit (1000). */
    static final int MAX_DEPTH = 64;
    private static final String MERGE_KEY = "<<";

    private YamlTrees() {
    }

    /**
     * Parses {@code text}.
     *
     * @param source        the name errors will carry (a file name or {@code -Dset})
     * @param columnOffset  added to every column, for text cut out of a longer line
     * @return the root node, or {@code null} for an empty document
     * @throws ConfigException on a syntax error or a key given twice in one mapping
     */
    public static YamlNode parse(String source, String text, int columnOffset) {
        JsonParser p = null;
        try (JsonParser parser = FACTORY.createParser(text)) {
            p = parser;
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            YamlNode root = new Reader(p, source, columnOffset).read("", 0);
            if (p.nextToken() != null) {
                throw new ConfigException(here(p, source, columnOffset), "", "expected a single YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, p, source, columnOffset);
        } catch (IOException e) {
            throw new ConfigException(null, "", "cannot read YAML from " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A syntax error at the place the YAML scanner found the problem. Jackson's own location is
     * the start of the construct being scanned (for a tab, the line before it), and limits such as
     * the nesting depth carry none, so the scanner's problem mark or else the parser's position is used.
     */
    private static ConfigException syntaxError(JsonProcessingException e, JsonParser p, String source, int columnOffset) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String problem = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
                return new ConfigException(new Location(source, mark.getLine() + 1, mark.getColumn() + 1 + columnOffset), "",
                        "not valid YAML: " + problem.replace("\\t(TAB)", "tab").replace("\n", " "), e);
            }
        }
        JsonLocation loc = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
        Location where = loc == null || loc.getLineNr() < 1 ? null
                : new Location(source, loc.getLineNr(), loc.getColumnNr() + columnOffset);
        return new ConfigException(where, "", "not valid YAML: " + e.getOriginalMessage(), e);
    }

    /** One pass over the token stream, remembering anchored values for the aliases that follow. */
    private static final class Reader {
        private final JsonParser p;
        private final String source;
        private final int columnOffset;
        private final Map<String, YamlNode> anchors = new HashMap<>();

        Reader(JsonParser p, String source, int columnOffset) {
            this.p = p;
            this.source = source;
            this.columnOffset = columnOffset;
        }

        YamlNode read(String path, int depth) throws IOException {
            Location at = here(p, source, columnOffset);
            if (depth > MAX_DEPTH) {
                throw new ConfigException(at, path, "values are nested more than " + MAX_DEPTH + " levels deep; an "
                        + "experiment file needs a few");
            }
            if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                String name = p.getText();
                YamlNode anchored = anchors.get(name);
                if (anchored == null) {
                    // Jackson's parser reports anchors on maps and lists only, so an anchored single value lands here too
                    throw new ConfigException(at, path, "alias *" + name + " names no map or list anchored as &" + name
                            + " before it (aliases of single values are not supported: write the value out)");
                }
                return copy(anchored);
            }
            String anchor = p.getObjectId() instanceof String s ? s : null;
            YamlNode node = readValue(at, path, depth);
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YamlNode readValue(Location at, String path, int depth) throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    YamlNode.MapNode map = new YamlNode.MapNode(at);
                    YamlNode.Entry merge = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        Location keyAt = here(p, source, columnOffset);
                        String keyPath = path.isEmpty() ? key : path + "." + key;
                        YamlNode.Entry previous = key.equals(MERGE_KEY) ? merge : map.entry(key);
                        if (previous != null) {
                            throw new ConfigException(keyAt, keyPath, "key '" + key + "' is given twice (first at line "
                                    + previous.keyLocation().line() + ")");
                        }
                        p.nextToken();
                        YamlNode.Entry entry = new YamlNode.Entry(key, keyAt, read(keyPath, depth + 1));
                        if (key.equals(MERGE_KEY)) {
                            merge = entry;
                        } else {
                            map.put(entry);
                        }
                    }
                    if (merge != null) {
                        merge(map, merge, path);
                    }
                    return map;
                }
                case START_ARRAY -> {
                    YamlNode.ListNode list = new YamlNode.ListNode(at);
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(read(path + "[" + i++ + "]", depth + 1));
                    }
                    return list;
                }
                default -> {
                    return scalar(p, t, at, path);
                }
            }
        }
    }

    /** {@code <<: *base} (or a list of aliases): the keys of each merged map that {@code map} does not set itself. */
    private static void merge(YamlNode.MapNode map, YamlNode.Entry merge, String path) {
        YamlNode value = merge.value();
        java.util.List<YamlNode> sources = value instanceof YamlNode.ListNode l ? l.items() : java.util.List.of(value);
        for (YamlNode source : sources) {
            if (!(source instanceof YamlNode.MapNode m)) {
                throw new ConfigException(merge.keyLocation(), path.isEmpty() ? MERGE_KEY : path + "." + MERGE_KEY,
                        "expected a map (or a list of maps) to merge, e.g. <<: *defaults, found " + source.describe());
            }
            m.entries().values().forEach(e -> {
                if (!map.has(e.key())) {
                    map.put(e);
                }
            });
        }
    }

    /** A deep copy, so that an override applied to one use of an anchor does not change the others. */
    static YamlNode copy(YamlNode node) {
        if (node instanceof YamlNode.MapNode m) {
            YamlNode.MapNode out = new YamlNode.MapNode(m.location());
            m.entries().values().forEach(e -> out.put(new YamlNode.Entry(e.key(), e.keyLocation(), copy(e.value()))));
            return out;
        }
        if (node instanceof YamlNode.ListNode l) {
            YamlNode.ListNode out = new YamlNode.ListNode(l.location());
            l.items().forEach(i -> out.add(copy(i)));
            return out;
        }
        return node; // scalars are immutable
    }

    private static YamlNode scalar(JsonParser p, JsonToken t, Location at, String path) throws IOException {
        switch (t) {
            case VALUE_STRING -> {
                return new YamlNode.Scalar(p.getText(), at);
            }
            case VALUE_NUMBER_INT -> {
                Number n = p.getNumberValue();
                return new YamlNode.Scalar(n, at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(p.getDoubleValue(), at);
            }
            case VALUE_TRUE -> {
                return new YamlNode.Scalar(Boolean.TRUE, at);
            }
            case VALUE_FALSE -> {
                return new YamlNode.Scalar(Boolean.FALSE, at);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, at);
            }
            default -> throw new ConfigException(at, path, "unsupported YAML content (" + t + ")");
        }
    }

    private static Location here(JsonParser p, String source, int columnOffset) {
        JsonLocation loc = p.currentTokenLocation();
        return new Location(source, loc.getLineNr(), loc.getColumnNr() + columnOffset);
    }
}
