package org.imageclustering.experiments.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * Reads YAML text into a {@link YamlNode} tree with the position of every key and value, from
 * Jackson's YAML token stream.
 */
public final class YamlTrees {
    private static final YAMLFactory FACTORY = new YAMLFactory();

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
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            YamlNode root = read(p, source, columnOffset, "");
            if (p.nextToken() != null) {
                throw new ConfigException(here(p, source, columnOffset), "", "expected a single YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            Location where = loc == null ? null : new Location(source, loc.getLineNr(), loc.getColumnNr() + columnOffset);
            throw new ConfigException(where, "", "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(null, "", "cannot read YAML from " + source + ": " + e.getMessage(), e);
        }
    }

    private static YamlNode read(JsonParser p, String source, int columnOffset, String path) throws IOException {
        Location at = here(p, source, columnOffset);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                YamlNode.MapNode map = new YamlNode.MapNode(at);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = here(p, source, columnOffset);
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode.Entry previous = map.entry(key);
                    if (previous != null) {
                        throw new ConfigException(keyAt, keyPath, "key '" + key + "' is given twice (first at line "
                                + previous.keyLocation().line() + ")");
                    }
                    p.nextToken();
                    map.put(new YamlNode.Entry(key, keyAt, read(p, source, columnOffset, keyPath)));
                }
                return map;
            }
            case START_ARRAY -> {
                YamlNode.ListNode list = new YamlNode.ListNode(at);
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, source, columnOffset, path + "[" + i++ + "]"));
                }
                return list;
            }
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
