package org.imageclustering.experiments.spec;

import static org.imageclustering.experiments.spec.SpecReaderTest.GOOD;
import static org.imageclustering.experiments.spec.SpecReaderTest.assertAt;
import static org.imageclustering.experiments.spec.SpecReaderTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The plan's size is checked from the axis sizes, before anything is expanded, at the key that makes it too big. */
class PlanSizeTest {
    private static final String LIMIT = "more than the limit of " + Defaults.MAX_RUNS;

    @Test
    void hugeKRangeIsRefusedAtItsKeyWithTheCountAndTheLimit() {
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k: {from: 1, to: 2000000000}"));
        assertAt(e, 10, 1, "k");
        assertTrue(e.getMessage().endsWith("k: the range {from: 1, to: 2000000000, step: 1} would make 2000000000 runs, " + LIMIT
                + " runs per experiment; shorten it or split the sweep into several experiments"), e.getMessage());
    }

    @Test
    void kRangeToTheLargestIntegerDoesNotOverflowTheCount() {
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k: {from: 1, to: 2147483647}"));
        assertTrue(e.getMessage().contains("would make 2147483647 runs"), e.getMessage());
    }

    @Test
    void hugeRepeatsIsRefusedAtItsKey() {
        ConfigException e = fails(GOOD.replace("seeds: [1, 2, 3]", "repeats: 2000000000"));
        assertAt(e, 11, 1, "repeats");
        assertTrue(e.getMessage().contains("2000000000 repeats would make 2000000000 runs, " + LIMIT), e.getMessage());
    }

    @Test
    void hugeSeedsListIsRefusedAtItsKey() {
        String seeds = IntStream.rangeClosed(1, Defaults.MAX_RUNS + 1).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]"));
        ConfigException e = fails(GOOD.replace("seeds: [1, 2, 3]", "seeds: " + seeds));
        assertAt(e, 11, 1, "seeds");
        assertTrue(e.getMessage().contains("a list of " + (Defaults.MAX_RUNS + 1) + " seeds would make " + (Defaults.MAX_RUNS + 1)
                + " runs, " + LIMIT), e.getMessage());
    }

    @Test
    void gridWhoseProductOverflowsIsRefusedAtItsLongestAxisWithoutExpanding() {
        StringBuilder axes = new StringBuilder();
        for (int a = 0; a < 20; a++) {
            axes.append("    p").append(a).append(": [1, 2, 3, 4, 5, 6, 7, 8, 9").append(a == 7 ? ", 10" : "").append("]\n");
        }
        ConfigException e = fails(GOOD.replace("    restarts: 3\n", axes.toString()));
        assertAt(e, 16, 5, "algorithms[0].p7");
        assertTrue(e.getMessage().contains("the grid of algorithms[0] (init: 2 x p0: 9 x "), e.getMessage());
        assertTrue(e.getMessage().contains(" values) would make 9223372036854775807 runs, " + LIMIT), e.getMessage());
    }

    @Test
    void productOfSmallAxesIsRefusedAtTheLongestAxis() {
        String ks = IntStream.rangeClosed(2, 1001).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        ConfigException e = fails(GOOD.replace("k: [5, 10, 15]", "k: " + ks).replace("seeds: [1, 2, 3]", "repeats: 60"));
        assertAt(e, 10, 1, "k");
        assertEquals("configs/test.yaml line 10, column 1, k: the plan has 1 dataset(s) x 1 feature set(s) x 2 algorithm "
                + "configuration(s) x 1000 K x 60 seed(s) = 120000 runs, " + LIMIT + "; shorten `k` or split the sweep "
                + "into several experiments", e.getMessage());
    }

    @Test
    void overrideThatMakesThePlanHugeIsRefusedAtItsColumnInTheSetText() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.parse("configs/test.yaml",
                GOOD.replace("seeds: [1, 2, 3]\n", ""), "threads=1,repeats=2000000000", SpecReaderTest.CATALOG));
        assertEquals("-Dset column 11, repeats: 2000000000 repeats would make 2000000000 runs, " + LIMIT
                + " runs per experiment; shorten it or split the sweep into several experiments", e.getMessage());
    }
}
