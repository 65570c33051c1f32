package org.imageclustering.experiments.spec;

import static org.imageclustering.experiments.spec.SpecReaderTest.GOOD;
import static org.imageclustering.experiments.spec.SpecReaderTest.assertAt;
import static org.imageclustering.experiments.spec.SpecReaderTest.fails;
import static org.imageclustering.experiments.spec.SpecReaderTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages for YAML that parses oddly or not at all: every one names the file, the line and the column. */
class YamlMessagesTest {
    @TempDir
    Path tmp;

    @Test
    void aliasOfAnAnchoredBlockIsResolvedNotTakenAsTheAnchorsName() {
        ExperimentSpec s = read(GOOD.replace("algorithms:\n  - name: kmeans-k++", "algorithms:\n  - &base\n    name: kmeans-k++")
                .replace("k: [5, 10, 15]", "  - <<: *base\n    name: other\n    restarts: 5\nk: &ks [5, 10, 15]")
                .replace("seeds: [1, 2, 3]", "seeds: *ks"));
        assertEquals(List.of("kmeans-k++", "other"), s.algorithms().stream().map(AlgorithmSpec::name).toList());
        assertEquals(Map.of("init", List.of("k-means++", "random-gaussian"), "restarts", 5), s.algorithms().get(1).params());
        assertEquals(List.of(5L, 10L, 15L), s.seeds());
    }

    @Test
    void aliasThatCannotBeResolvedIsRefusedNotTakenAsAString() {
        ConfigException e = fails(GOOD.replace("restarts: 3", "restarts: 3\n    tolerance: &t 0.001\n    empty-clusters: *t"));
        assertAt(e, 11, 21, "algorithms[0].empty-clusters");
        assertTrue(e.getMessage().endsWith("alias *t names no map or list anchored as &t before it (aliases of single "
                + "values are not supported: write the value out)"), e.getMessage());
        ConfigException unknown = fails(GOOD.replace("seeds: [1, 2, 3]", "seeds: *nowhere"));
        assertAt(unknown, 11, 8, "seeds");
    }

    @Test
    void aliasedBlocksAreCopiesSoAnOverrideChangesOneUse() {
        String yaml = GOOD.replace("algorithms:\n  - name: kmeans-k++", "algorithms:\n  - &base\n    name: kmeans-k++")
                .replace("k: [5, 10, 15]", "  - <<: *base\n    name: other\nk: [5, 10, 15]");
        ExperimentSpec s = ExperimentFile.parse("configs/test.yaml", yaml, "algorithms[1].restarts=9", SpecReaderTest.CATALOG)
                .spec();
        assertEquals(3, s.algorithms().get(0).params().get("restarts"));
        assertEquals(9, s.algorithms().get(1).params().get("restarts"));
    }

    @Test
    void misspeltRequiredKeysAreNamedWhereTheyAre() {
        ConfigException t = fails(GOOD + "transforms:\n  - {transfrom: pca, components: 50}\n");
        assertAt(t, 14, 6, "transforms[0].transfrom");
        assertTrue(t.getMessage().endsWith("unknown key 'transfrom' (did you mean 'transform'?); the required key "
                + "'transform' is missing: expected a transform name, one of [pca, standardize]"), t.getMessage());
        ConfigException a = fails(GOOD.replace("    algorithm: kmeans", "    algoritm: kmeans"));
        assertAt(a, 7, 5, "algorithms[0].algoritm");
        ConfigException l = fails(GOOD.replace("  loader: fashion-mnist", "  loadr: fashion-mnist"));
        assertAt(l, 3, 3, "dataset.loadr");
        ConfigException f = fails(GOOD + "feature-sets:\n  - {nam: x, transforms: [pca]}\n");
        assertEquals("feature-sets[0].nam", f.keyPath());
    }

    @Test
    void namesLongerThanAFileNameAllowsAreRefusedAtValidation() {
        String longName = "x".repeat(300);
        ConfigException e = fails(GOOD.replace("experiment: quick", "experiment: " + longName));
        assertAt(e, 1, 1, "experiment");
        assertTrue(e.getMessage().endsWith("expected a name of at most 100 characters (it names folders and files), found 300 "
                + "characters ('xxxxxxxxxxxxxxxxxxxx...')"), e.getMessage());
        assertEquals("algorithms[0].name", fails(GOOD.replace("name: kmeans-k++", "name: " + longName)).keyPath());
        assertEquals("dataset.name", fails(GOOD.replace("  path:", "  name: " + longName + "\n  path:")).keyPath());
        assertEquals("x".repeat(100), read(GOOD.replace("experiment: quick", "experiment: " + "x".repeat(100))).experiment());
    }

    @Test
    void nestingBeyondTheLimitNamesFileLineAndColumn() {
        int depth = 2000; // beyond the parser's own limit (1000), whose message has no position
        ConfigException lists = fails(GOOD.replace("k: [5, 10, 15]", "k: " + "[".repeat(depth) + "]".repeat(depth)));
        assertEquals("configs/test.yaml", lists.location().source());
        assertEquals(10, lists.location().line());
        assertTrue(lists.getMessage().endsWith(": values are nested more than " + YamlTrees.MAX_DEPTH
                + " levels deep; an experiment file needs a few"), lists.getMessage());
        StringBuilder maps = new StringBuilder(GOOD).append("k2:\n");
        for (int i = 1; i <= 200; i++) {
            maps.append(" ".repeat(i)).append("a:\n");
        }
        ConfigException nested = fails(maps.toString());
        assertEquals(14 + YamlTrees.MAX_DEPTH, nested.location().line(), nested.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsAnErrorAtItsLineAndColumn() throws IOException {
        Path f = tmp.resolve("latin1.yaml");
        Files.write(f, (GOOD + "# caf\u00e9 au lait\n").getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.read(f, null, SpecReaderTest.CATALOG));
        assertEquals(f + " line 13, column 6: expected UTF-8 text, found byte 0xE9 (byte offset " + (GOOD.length() + 5)
                + "); save the file as UTF-8", e.getMessage());
        // a character of several UTF-8 bytes before the bad byte is one column
        byte[] good = (GOOD + "# caf\u00e9").getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 2);
        bad[good.length] = (byte) 0xFF;
        bad[good.length + 1] = '\n';
        Files.write(f, bad);
        ConfigException multi = assertThrows(ConfigException.class, () -> ExperimentFile.read(f, null, SpecReaderTest.CATALOG));
        assertEquals(13, multi.location().line());
        assertEquals(7, multi.location().column(), multi.getMessage());
    }

    @Test
    void tabIndentationIsReportedOnTheLineOfTheTab() {
        ConfigException e = fails(GOOD.replace("  path: data", "\tpath: data"));
        assertAt(e, 4, 1, "");
        assertTrue(e.getMessage().endsWith("not valid YAML: while scanning for the next token: found character 'tab' that "
                + "cannot start any token. (Do not use tab for indentation)"), e.getMessage());
    }

    @Test
    void outputThatCannotHoldAFolderNamesThePathAtTheOutputKey() throws IOException {
        Path file = Files.createFile(tmp.resolve("a-file"));
        ConfigException e = fails(GOOD + "output: " + file.resolve("sub") + "\n");
        assertAt(e, 13, 1, "output");
        assertEquals("configs/test.yaml line 13, column 1, output: results go to " + file.resolve("sub").resolve("quick")
                + ", but " + file + " is a file, not a folder", e.getMessage());
        Files.createDirectories(tmp.resolve("out"));
        Files.createFile(tmp.resolve("out").resolve("quick"));
        assertTrue(fails(GOOD + "output: " + tmp.resolve("out") + "\n").getMessage().endsWith("is a file, not a folder"));
        assertEquals(tmp.resolve("fine").toString(), read(GOOD + "output: " + tmp.resolve("fine") + "\n").output());
    }
}
