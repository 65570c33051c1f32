package org.imageclustering.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line changes to an experiment file without editing it:
 * {@code -Dset=k=[5,10],algorithms[0].max-iterations=50}. Each {@code path=value} replaces (or adds)
 * the value at a key path; values are YAML ({@code [5,10]}, {@code 50}, {@code k-means++}). Commas
 * inside brackets, braces or quotes do not split. Overridden values report their errors at their
 * column in the {@code -Dset} text.
 */
public final class Overrides {
    /** The source name errors in overrides carry. */
    public static final String SOURCE = "-Dset";
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private Overrides() {
    }

    /** One {@code path=value} item and where its path and value start in the {@code -Dset} text (0-based). */
    record Item(String path, int pathAt, String value, int valueAt) {
    }

    /** Applies every item of {@code text} to {@code root} (a map; an empty file is an empty map). */
    public static YamlNode.MapNode apply(YamlNode.MapNode root, String text) {
        for (Item item : split(text)) {
            apply(root, item);
        }
        return root;
    }

    static List<Item> split(String text) {
        List<Item> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '[', '{' -> depth++;
                case ']', '}' -> depth--;
                case ',' -> {
                    if (depth == 0 || i == text.length()) {
                        String part = text.substring(start, i);
                        if (!part.isBlank()) {
                            items.add(item(part, start));
                        }
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        return items;
    }

    private static Item item(String part, int offset) {
        int lead = 0;
        while (lead < part.length() && Character.isWhitespace(part.charAt(lead))) {
            lead++;
        }
        int eq = part.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(at(offset + lead), part.strip(), "expected path=value (e.g. k=[5,10]), found no '='");
        }
        String path = part.substring(lead, eq).strip();
        if (path.isEmpty()) {
            throw new ConfigException(at(offset + lead), "", "expected a key path before '=' (e.g. k=[5,10])");
        }
        return new Item(path, offset + lead, part.substring(eq + 1), offset + eq + 1);
    }

    private static void apply(YamlNode.MapNode root, Item item) {
        Location pathAt = at(item.pathAt());
        YamlNode value = YamlTrees.parse(SOURCE, item.value(), item.valueAt());
        if (value == null) {
            value = new YamlNode.Scalar(null, at(item.valueAt()));
        }
        String[] segments = item.path().split("\\.", -1);
        YamlNode current = root;
        String walked = "";
        for (int s = 0; s < segments.length; s++) {
            Matcher m = SEGMENT.matcher(segments[s]);
            if (!m.matches()) {
                throw new ConfigException(pathAt, item.path(), "expected a key path like algorithms[0].max-iterations, found '"
                        + item.path() + "'");
            }
            String key = m.group(1);
            List<Integer> indices = new ArrayList<>();
            Matcher im = INDEX.matcher(m.group(2));
            while (im.find()) {
                indices.add(Integer.parseInt(im.group(1)));
            }
            walked = walked.isEmpty() ? key : walked + "." + key;
            if (!(current instanceof YamlNode.MapNode map)) {
                throw new ConfigException(pathAt, walked, "cannot set a key inside " + current.describe());
            }
            boolean last = s == segments.length - 1 && indices.isEmpty();
            if (last) {
                map.put(new YamlNode.Entry(key, pathAt, value));
                return;
            }
            YamlNode.Entry entry = map.entry(key);
            if (entry == null) {
                if (!indices.isEmpty()) {
                    throw new ConfigException(pathAt, walked, "there is no list '" + key + "' to index");
                }
                entry = new YamlNode.Entry(key, pathAt, new YamlNode.MapNode(pathAt));
                map.put(entry);
            }
            current = entry.value();
            for (int i = 0; i < indices.size(); i++) {
                int index = indices.get(i);
                if (!(current instanceof YamlNode.ListNode list) || index >= list.items().size()) {
                    int size = current instanceof YamlNode.ListNode l ? l.items().size() : 0;
                    throw new ConfigException(pathAt, walked + "[" + index + "]", current instanceof YamlNode.ListNode
                            ? "index " + index + " is past the end of a list of " + size
                            : "expected a list to index, found " + current.describe());
                }
                walked = walked + "[" + index + "]";
                if (s == segments.length - 1 && i == indices.size() - 1) {
                    list.set(index, value);
                    return;
                }
                current = list.items().get(index);
            }
        }
    }

    private static Location at(int offset) {
        return new Location(SOURCE, 1, offset + 1);
    }
}
