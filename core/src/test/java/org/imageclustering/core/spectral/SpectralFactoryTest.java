package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.spectral.SpectralOptions.Affinity;
import org.imageclustering.core.spectral.SpectralOptions.Assignment;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.spectral.SpectralOptions.Laplacian;
import org.imageclustering.core.spectral.SpectralOptions.Solver;
import org.junit.jupiter.api.Test;

class SpectralFactoryTest {
    private static SpectralOptions create(int k, Map<String, Object> values) {
        return ((SpectralClustering) new SpectralFactory().create(k, Parameters.of("algorithms[1]", values))).options();
    }

    @Test
    void noKeysGiveTheDefaults() {
        assertEquals(SpectralOptions.defaults(10), create(10, Map.of()));
    }

    @Test
    void everyKeyIsRead() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("affinity", "rbf");
        v.put("neighbors", 15);
        v.put("knn-weights", "self-tuning");
        v.put("local-scale-neighbor", 5);
        v.put("gamma", 0.5);
        v.put("laplacian", "random-walk");
        v.put("solver", "nystrom");
        v.put("landmarks", 500);
        v.put("pca", 50);
        v.put("assign", "discretize");
        v.put("restarts", 3);
        v.put("eigen-tolerance", 1e-8);
        v.put("eigen-max-iterations", 999);
        v.put("krylov-size", 40);
        v.put("memory-limit-mb", 1024);
        SpectralOptions o = create(4, v);
        assertEquals(new SpectralOptions(4, Affinity.RBF, 15, KnnWeights.SELF_TUNING, 5, 0.5, Laplacian.RANDOM_WALK,
                Solver.NYSTROM, 500, 50, Assignment.DISCRETIZE, 3, 1e-8, 999, 40, null, 1024L << 20), o);
    }

    @Test
    void gammaAcceptsMedianAndPrecomputedReadsItsFile() {
        SpectralOptions o = create(3, Map.of("affinity", "precomputed", "affinity-file", "graph.csv", "gamma", "median"));
        assertEquals(Affinity.PRECOMPUTED, o.affinity());
        assertEquals(Path.of("graph.csv"), o.affinityFile());
        assertTrue(Double.isNaN(o.gamma()));
    }

    @Test
    void misspeltKeyIsRejectedWithASuggestion() {
        OptionException e = assertThrows(OptionException.class, () -> create(3, Map.of("neighbours", 10)));
        assertEquals("algorithms[1].neighbours", e.keyPath());
        assertTrue(e.getMessage().contains("did you mean 'neighbors'"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        OptionException e = assertThrows(OptionException.class, () -> create(3, Map.of("neighbors", 0)));
        assertEquals("algorithms[1].neighbors", e.keyPath());
        assertEquals("neighbors must be >= 1, was 0", e.detail());

        e = assertThrows(OptionException.class, () -> create(3, Map.of("laplacian", "symetric")));
        assertEquals("algorithms[1].laplacian", e.keyPath());
        assertTrue(e.getMessage().contains("did you mean 'symmetric'"), e.getMessage());

        e = assertThrows(OptionException.class, () -> create(3, Map.of("gamma", "wide")));
        assertEquals("algorithms[1].gamma", e.keyPath());

        e = assertThrows(OptionException.class, () -> create(3, Map.of("affinity", "precomputed")));
        assertEquals("algorithms[1].affinity-file", e.keyPath());

        e = assertThrows(OptionException.class, () -> create(3, Map.of("solver", "nystrom")));
        assertEquals("algorithms[1].solver", e.keyPath());
        assertTrue(e.getMessage().contains("affinity: rbf"), e.getMessage());

        e = assertThrows(OptionException.class, () -> create(1, Map.of()));
        assertEquals("k must be >= 2, was 1", e.detail());
    }

    @Test
    void kOf2000AndMoreIsAcceptedWithTheDefaultKnnAffinity() {
        for (int k : new int[] {1999, 2000, 2500, 10_000}) {
            SpectralOptions o = create(k, Map.of());
            assertEquals(k, o.k());
            assertEquals(Math.max(2000, k + 1), o.landmarks(), "the default landmarks fit any k");
            assertEquals(k, create(k, Map.of("landmarks", 100)).k(), "landmarks are read by nystrom only");
        }
        assertEquals(SpectralOptions.DEFAULT_LANDMARKS, create(10, Map.of()).landmarks());
        OptionException e = assertThrows(OptionException.class,
                () -> create(2500, Map.of("affinity", "rbf", "solver", "nystrom", "landmarks", 2000)));
        assertEquals("algorithms[1].landmarks", e.keyPath());
        assertEquals("landmarks must be >= k + 1 = 2501, was 2000", e.detail());
        assertEquals(2501, create(2500, Map.of("affinity", "rbf", "solver", "nystrom")).landmarks());
    }
}
