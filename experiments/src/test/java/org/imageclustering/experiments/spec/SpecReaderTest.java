package org.imageclustering.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecReaderTest {
    static final Catalog CATALOG = new Catalog(Set.of("fashion-mnist", "cifar10"), Set.of("kmeans", "spectral"),
            Set.of("pca", "standardize"), Set.of("distortion", "purity", "nmi"));

    static final String GOOD = """
            experiment: quick
            dataset:
              loader: fashion-mnist
              path: data/fashion-mnist-sample
            algorithms:
              - name: kmeans-k++
                algorithm: kmeans
                init: [k-means++, random-gaussian]
                restarts: 3
            k: [5, 10, 15]
            seeds: [1, 2, 3]
            metrics: [distortion, purity]
            """;

    static ExperimentSpec read(String yaml) {
        return ExperimentFile.parse("configs/test.yaml", yaml, null, CATALOG).spec();
    }

    static ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml));
    }

    static void assertAt(ConfigException e, int line, int column, String path) {
        assertEquals("configs/test.yaml", e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(column, e.location().column(), e.getMessage());
        assertEquals(path, e.keyPath(), e.getMessage());
    }

    @Test
    void aValidFileGivesTheSpecWithDefaultsFilledIn() {
        ExperimentSpec s = read(GOOD);
        assertEquals("quick", s.experiment());
        assertEquals(Defaults.OUTPUT, s.output());
        assertEquals(List.of(5, 10, 15), s.ks());
        assertEquals(List.of(1L, 2L, 3L), s.seeds());
        assertEquals("data/fashion-mnist-sample", s.datasets().get(0).path());
        assertEquals(Map.of("init", List.of("k-means++", "random-gaussian"), "restarts", 3), s.algorithms().get(0).params());
        assertEquals(Defaults.EVALUATE_ON, s.evaluateOn());
        assertEquals(1, s.featureSets().size());
        assertEquals(Defaults.RAW_FEATURE_SET, s.featureSets().get(0).name());
        assertEquals(2, s.algorithms().get(0).gridPoints().size());
    }

    @Test
    void withoutMetricsEveryStandardOrOwnMetricButNotTheGapNorOtherNormalisations() {
        Catalog catalog = new Catalog(Set.of("fashion-mnist"), Set.of("kmeans"), Set.of(),
                Set.of("distortion", "silhouette", "nmi", "nmi-geometric", "gap", "my-metric"));
        String yaml = GOOD.replace("metrics: [distortion, purity]\n", "");
        assertEquals(List.of("distortion", "my-metric", "nmi", "silhouette"),
                ExperimentFile.parse("configs/test.yaml", yaml, null, catalog).spec().metrics());
        assertEquals(List.of("gap"), ExperimentFile.parse("configs/test.yaml", yaml + "metrics: [gap]\n", null, catalog)
                .spec().metrics(), "listed by name, the gap is computed");
    }

    @Test
    void unknownTopLevelKeyIsReportedAtItsLineAndColumnWithSuggestion() {
        ConfigException e = fails(GOOD + "seedz: [4]\n");
        assertAt(e, 13, 1, "seedz");
        assertTrue(e.getMessage().startsWith("configs/test.yaml line 13, column 1, seedz: unknown key 'seedz' (did you mean 'seeds'?)"),
                e.getMessage());
    }

    @Test
    void unknownKeyInsideTheKRangeNamesTheNestedPath() {
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k:\n  from: 2\n  too: 8"));
        assertAt(e, 12, 3, "k.too");
        assertTrue(e.getMessage().contains("(did you mean 'to'?)"), e.getMessage());
    }

    @Test
    void wrongTypeInAListPointsAtTheItem() {
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k: [5, ten, 15]"));
        assertAt(e, 10, 8, "k[1]");
        assertTrue(e.getMessage().endsWith("expected an integer >= 1, found 'ten'"), e.getMessage());
    }

    @Test
    void wrongTypeOfAScalarPointsAtItsKey() {
        ConfigException e = fails(GOOD + "threads: two\n");
        assertAt(e, 13, 1, "threads");
        assertTrue(e.getMessage().endsWith("expected an integer >= 0 (0 = one per processor), found 'two'"), e.getMessage());
    }

    @Test
    void outOfRangeValueIsRejectedWithTheAcceptedRange() {
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k: [5, 0]"));
        assertAt(e, 10, 8, "k[1]");
        assertTrue(e.getMessage().endsWith("expected an integer >= 1, found 0"), e.getMessage());
        ConfigException range = fails(GOOD.replace("k: [5, 10, 15]", "k: {from: 10, to: 5}"));
        assertEquals("k.to", range.keyPath());
        assertTrue(range.getMessage().endsWith("expected an integer >= from (10), found 5"), range.getMessage());
    }

    @Test
    void missingRequiredKeyPointsAtTheBlockThatLacksIt() {
        ConfigException e = fails(GOOD.replace("  loader: fashion-mnist\n", ""));
        assertAt(e, 3, 3, "dataset.loader");
        assertTrue(e.getMessage().contains("missing required key 'loader'"), e.getMessage());
        ConfigException noK = fails(GOOD.replace("k: [5, 10, 15]\n", ""));
        assertAt(noK, 1, 1, "k");
    }

    @Test
    void misspeltAlgorithmNameSuggestsTheRegisteredOne() {
        ConfigException e = fails(GOOD.replace("algorithm: kmeans", "algorithm: kmean"));
        assertAt(e, 7, 5, "algorithms[0].algorithm");
        assertTrue(e.getMessage().contains("unknown algorithm 'kmean' (did you mean 'kmeans'?); registered: [kmeans, spectral]"),
                e.getMessage());
    }

    @Test
    void misspeltLoaderMetricAndTransformNamesSuggest() {
        assertTrue(fails(GOOD.replace("loader: fashion-mnist", "loader: fashion-mnst")).getMessage()
                .contains("(did you mean 'fashion-mnist'?)"));
        ConfigException m = fails(GOOD.replace("metrics: [distortion, purity]", "metrics: [distortion, purty]"));
        assertAt(m, 12, 23, "metrics[1]");
        assertTrue(m.getMessage().contains("unknown metric 'purty' (did you mean 'purity'?)"), m.getMessage());
        ConfigException t = fails(GOOD + "transforms:\n  - {transform: pac, components: 50}\n");
        assertEquals("transforms[0].transform", t.keyPath());
        assertTrue(t.getMessage().contains("(did you mean 'pca'?)"), t.getMessage());
    }

    @Test
    void kAndSeedsInsideAnAlgorithmBlockAreRefused() {
        ConfigException e = fails(GOOD.replace("    restarts: 3", "    restarts: 3\n    k: 4"));
        assertAt(e, 10, 5, "algorithms[0].k");
        assertTrue(e.getMessage().contains("set once for the whole experiment"), e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        ConfigException e = fails(GOOD + "k: [2]\n");
        assertAt(e, 13, 1, "k");
        assertTrue(e.getMessage().contains("given twice (first at line 10)"), e.getMessage());
    }

    @Test
    void seedsAndRepeatsAreExclusiveAndRepeatsCountFromBaseSeed() {
        ConfigException e = fails(GOOD + "repeats: 2\n");
        assertAt(e, 13, 1, "repeats");
        ExperimentSpec s = read(GOOD.replace("seeds: [1, 2, 3]", "repeats: 4\nbase-seed: 100"));
        assertEquals(List.of(100L, 101L, 102L, 103L), s.seeds());
        ExperimentSpec d = read(GOOD.replace("seeds: [1, 2, 3]\n", ""));
        assertEquals(Defaults.REPEATS, d.seeds().size());
        assertEquals(Defaults.BASE_SEED, d.seeds().get(0));
    }

    @Test
    void kRangeIncludesItsEnd() {
        assertEquals(List.of(2, 4, 6, 8), read(GOOD.replace("k: [5, 10, 15]", "k: {from: 2, to: 8, step: 2}")).ks());
        assertEquals(List.of(3, 4), read(GOOD.replace("k: [5, 10, 15]", "k: {from: 3, to: 4}")).ks());
    }

    @Test
    void duplicateAlgorithmNamesAskForDistinctNames() {
        ConfigException e = fails(GOOD.replace("algorithms:\n", "algorithms:\n  - {algorithm: kmeans}\n  - {algorithm: kmeans}\n"));
        assertEquals("algorithms[1]", e.keyPath());
        assertTrue(e.getMessage().contains("two algorithm blocks are named 'kmeans'"), e.getMessage());
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        ConfigException e = fails("experiment: x\nk: [5, 10\n");
        assertEquals("configs/test.yaml", e.location().source());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void emptyFileSaysWhatIsNeeded() {
        ConfigException e = fails("");
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }

    @Test
    void loaderSpecificKeysGoToTheLoaderParameters() {
        ExperimentSpec s = read(GOOD.replace("  path: data/fashion-mnist-sample", "  batches: 2\n  limit: 500"));
        assertEquals(Map.of("batches", 2), s.datasets().get(0).params());
        assertEquals(500, s.datasets().get(0).limit());
    }

    @Test
    void featureSetsAreNamedChains() {
        ExperimentSpec s = read(GOOD + """
                feature-sets:
                  - {name: raw, transforms: []}
                  - name: pca50
                    transforms: [standardize, {transform: pca, components: 50}]
                """);
        assertEquals(List.of("raw", "pca50"), s.featureSets().stream().map(FeatureSetSpec::name).toList());
        assertEquals("standardize > pca(components=50)", s.featureSets().get(1).chainLabel());
        ConfigException both = fails(GOOD + "transforms: [pca]\nfeature-sets: [{name: a}]\n");
        assertAt(both, 14, 1, "feature-sets");
    }

    @Test
    void specHashIgnoresKeyOrderAndThreadsButNotSettings() {
        String reordered = GOOD.replace("    init: [k-means++, random-gaussian]\n    restarts: 3",
                "    restarts: 3\n    init: [k-means++, random-gaussian]");
        assertEquals(read(GOOD).hash(), read(reordered).hash());
        assertEquals(read(GOOD).hash(), read(GOOD + "threads: 7\n").hash());
        assertTrue(!read(GOOD).hash().equals(read(GOOD.replace("restarts: 3", "restarts: 4")).hash()));
    }
}
