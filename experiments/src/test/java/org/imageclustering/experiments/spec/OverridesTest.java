package org.imageclustering.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {
    static ExperimentSpec read(String overrides) {
        return ExperimentFile.parse("configs/test.yaml", SpecReaderTest.GOOD, overrides, SpecReaderTest.CATALOG).spec();
    }

    @Test
    void overridesReplaceListsAndNestedValues() {
        ExperimentSpec s = read("k=[5,10],algorithms[0].max-iterations=50,algorithms[0].init=k-means++");
        assertEquals(List.of(5, 10), s.ks());
        assertEquals(50, s.algorithms().get(0).params().get("max-iterations"));
        assertEquals("k-means++", s.algorithms().get(0).params().get("init"));
        assertEquals(1, s.algorithms().get(0).gridPoints().size());
    }

    @Test
    void overridesAddNewKeysAndBlocks() {
        ExperimentSpec s = read("output=elsewhere, dataset.limit=100");
        assertEquals("elsewhere", s.output());
        assertEquals(100, s.datasets().get(0).limit());
    }

    @Test
    void badOverrideValuePointsAtItsColumnInTheSetText() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("threads=2,k=[5,x]"));
        assertEquals(Overrides.SOURCE, e.location().source());
        assertEquals("k[1]", e.keyPath());
        assertEquals(16, e.location().column(), e.getMessage());
        assertEquals("-Dset column 16, k[1]: expected an integer >= 1, found 'x'", e.getMessage());
    }

    @Test
    void unknownOverrideKeySuggests() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("treads=2"));
        assertEquals(Overrides.SOURCE, e.location().source());
        assertEquals(1, e.location().column());
        assertTrue(e.getMessage().contains("(did you mean 'threads'?)"), e.getMessage());
    }

    @Test
    void indexPastTheEndOfAListIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("algorithms[3].restarts=2"));
        assertTrue(e.getMessage().contains("index 3 is past the end of a list of 1"), e.getMessage());
    }

    @Test
    void itemWithoutEqualsSignIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("k=[5],threads"));
        assertEquals(7, e.location().column());
        assertTrue(e.getMessage().contains("expected path=value"), e.getMessage());
    }
}
