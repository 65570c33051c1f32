package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code base, read from the production sources of every module: module arrows point
 * one way, and no two packages depend on each other, directly or through others.
 */
class ArchitectureTest {
    static final List<String> MODULES = List.of("core", "loader", "features", "reporting", "experiments");
    static final Pattern PACKAGE = Pattern.compile("^package (org\\.imageclustering[\\w.]*);", Pattern.MULTILINE);
    /** Comments name classes without using them (a Javadoc's "see ..."): they are not dependencies. */
    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    /** An import or a fully qualified use of a project type: the package is everything before the type name. */
    static final Pattern REFERENCE = Pattern.compile("\\b(org\\.imageclustering(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package to the packages its classes name, and package to module. */
    final Map<String, Set<String>> uses = new TreeMap<>();
    final Map<String, String> moduleOf = new HashMap<>();

    ArchitectureTest() {
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src", "main", "java");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = COMMENT.matcher(Files.readString(f)).replaceAll(" ");
                    Matcher p = PACKAGE.matcher(text);
                    if (!p.find()) {
                        continue;
                    }
                    String pkg = p.group(1);
                    moduleOf.put(pkg, module);
                    Set<String> out = uses.computeIfAbsent(pkg, x -> new TreeSet<>());
                    Matcher r = REFERENCE.matcher(text.substring(p.end()));
                    while (r.find()) {
                        if (!r.group(1).equals(pkg)) {
                            out.add(r.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<List<String>> cycles = stronglyConnected().stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles");
    }

    @Test
    void moduleArrowsPointOneWay() {
        Map<String, Set<String>> allowed = Map.of(
                "core", Set.of("core"),
                "loader", Set.of("core", "loader"),
                "features", Set.of("core", "loader", "features"),
                "reporting", Set.of("core", "reporting"),
                "experiments", Set.copyOf(MODULES));
        List<String> wrong = new ArrayList<>();
        uses.forEach((pkg, targets) -> {
            String from = moduleOf.get(pkg);
            for (String target : targets) {
                String to = moduleOf.get(target);
                if (to != null && !allowed.get(from).contains(to)) {
                    wrong.add(pkg + " -> " + target);
                }
            }
        });
        assertEquals(List.of(), wrong, "module dependencies against the arrows");
    }

    @Test
    void everyPackageSaysWhatLivesThere() {
        List<String> missing = new ArrayList<>();
        for (String pkg : uses.keySet()) {
            Path info = Path.of("..", moduleOf.get(pkg), "src", "main", "java").resolve(pkg.replace('.', '/'))
                    .resolve("package-info.java");
            if (!Files.exists(info)) {
                missing.add(pkg);
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
        assertTrue(uses.size() > 15, "the scan found " + uses.size() + " packages");
    }

    /** Tarjan's strongly connected components of the package graph. */
    List<List<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        for (String v : uses.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!uses.containsKey(w)) {
                continue; // a package of another code base
            }
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
