package org.imageclustering.experiments.spec;

import java.util.HashMap;
import java.util.Map;
import org.imageclustering.core.OptionException;

/**
 * The position of every key path of an experiment file, so that an error found after parsing
 * (an {@link OptionException} from a loader or an algorithm factory, K larger than the data) can
 * still point at the line and column that holds the offending value.
 */
public final class SpecLocations {
    private final Map<String, Location> byPath = new HashMap<>();
    private final Location root;

    private SpecLocations(Location root) {
        this.root = root;
    }

    /** Indexes every key (at the key's position) and list item (at the item's position) of {@code tree}. */
    public static SpecLocations of(YamlNode tree) {
        SpecLocations s = new SpecLocations(tree.location());
        s.index(tree, "");
        s.byPath.put("", tree.location());
        return s;
    }

    private void index(YamlNode node, String path) {
        if (node instanceof YamlNode.MapNode map) {
            for (YamlNode.Entry e : map.entries().values()) {
                String p = path.isEmpty() ? e.key() : path + "." + e.key();
                byPath.put(p, e.keyLocation());
                index(e.value(), p);
            }
        } else if (node instanceof YamlNode.ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                String p = path + "[" + i + "]";
                byPath.put(p, list.items().get(i).location());
                index(list.items().get(i), p);
            }
        }
    }

    /**
     * The position of {@code keyPath}, or of its closest written ancestor (a key a factory read from
     * its defaults has no position of its own, so the error points at the block that lacks it).
     */
    public Location at(String keyPath) {
        String p = keyPath;
        while (true) {
            Location l = byPath.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut < 0) {
                return root;
            }
            p = p.substring(0, cut);
        }
    }

    /** An error at {@code keyPath}. */
    public ConfigException error(String keyPath, String problem) {
        return new ConfigException(at(keyPath), keyPath, problem);
    }

    /** A loader's or factory's option error, placed at the key it names. */
    public ConfigException error(OptionException e) {
        return new ConfigException(at(e.keyPath()), e.keyPath(), e.detail(), e);
    }
}
