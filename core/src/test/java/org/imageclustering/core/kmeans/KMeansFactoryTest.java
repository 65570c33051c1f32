package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KMeansFactoryTest {
    @TempDir
    Path dir;

    private static Parameters params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Parameters.of("algorithms[0]", m);
    }

    @Test
    void everyKeyIsReadWithItsDefault() {
        KMeansOptions defaults = KMeansFactory.options(4, params());
        assertEquals(KMeansOptions.defaults(4), defaults);
        KMeansOptions o = KMeansFactory.options(4, params("variant", "lloyd", "init", "k-means||", "restarts", 3,
                "max-iterations", 50, "tolerance", 0.001, "tolerance-mode", "relative-distortion",
                "empty-clusters", "largest-cluster-split"));
        assertEquals(new KMeansOptions(4, 50, 0.001, ToleranceMode.RELATIVE_DISTORTION, 3, Initialization.KMEANS_PARALLEL,
                EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT, null, KMeansVariant.LLOYD), o);
        assertInstanceOf(KMeans.class, new KMeansFactory().create(4, params()));
    }

    @Test
    void unknownKeyGetsADidYouMean() {
        OptionException e = assertThrows(OptionException.class, () -> KMeansFactory.options(4, params("max-iteration", 5)));
        assertEquals("algorithms[0].max-iteration", e.keyPath());
        assertTrue(e.getMessage().contains("did you mean 'max-iterations'"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("algorithms[0].restarts",
                assertThrows(OptionException.class, () -> KMeansFactory.options(4, params("restarts", 0))).keyPath());
        assertEquals("algorithms[0].variant",
                assertThrows(OptionException.class, () -> KMeansFactory.options(4, params("variant", "elkan2"))).keyPath());
        assertEquals("algorithms[0].tolerance",
                assertThrows(OptionException.class, () -> KMeansFactory.options(4, params("tolerance", -1))).keyPath());
        assertEquals("algorithms[0].init",
                assertThrows(OptionException.class, () -> KMeansFactory.options(4, params("init", "given"))).keyPath());
        assertThrows(IllegalArgumentException.class, () -> KMeansFactory.options(0, params()));
    }

    @Test
    void centroidFileStartsTheRunAndRoundTrips() throws IOException {
        FloatMatrix c = FloatMatrix.of(new float[][] {{0.1f, 1e-7f, 3}, {-2.5f, 4, 1f / 3}});
        Path file = dir.resolve("c.csv");
        CentroidFiles.write(file, c);
        KMeansOptions o = KMeansFactory.options(2, params("centroids", file.toString()));
        assertEquals(Initialization.GIVEN, o.init());
        assertEquals(c, o.givenCentroids());
    }

    @Test
    void anEarlierRunsCentroidFileStartsTheRun() throws IOException {
        // runs/<run>/centroids.f32 as results folders hold it: big-endian ICF1, rows, cols, floats.
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(12 + 4 * 6);
        buf.putInt(0x49434631).putInt(2).putInt(3);
        for (float v : new float[] {1, 2, 3, 4.5f, -5, 6}) {
            buf.putFloat(v);
        }
        Path file = dir.resolve("centroids.f32");
        Files.write(file, buf.array());
        KMeansOptions o = KMeansFactory.options(2, params("centroids", file.toString()));
        assertEquals(FloatMatrix.of(new float[][] {{1, 2, 3}, {4.5f, -5, 6}}), o.givenCentroids());

        Files.write(file, java.util.Arrays.copyOf(buf.array(), 30));
        OptionException e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", file.toString())));
        assertTrue(e.getMessage().contains("at byte 4") && e.getMessage().contains("needs 36 bytes, the file has 30"),
                e.getMessage());
    }

    @Test
    void centroidFileProblemsNameFileAndLine() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "f0,f1\n1,2\n3\n");
        OptionException e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", ragged.toString())));
        assertEquals("algorithms[0].centroids", e.keyPath());
        assertTrue(e.getMessage().contains("ragged.csv line 3") && e.getMessage().contains("expected 2 values"), e.getMessage());

        Path word = dir.resolve("word.csv");
        Files.writeString(word, "1,2\n3,x\n");
        e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", word.toString())));
        assertTrue(e.getMessage().contains("line 2, column 2: expected a number, found 'x'"), e.getMessage());

        Path three = dir.resolve("three.csv");
        Files.writeString(three, "1,2\n3,4\n5,6\n");
        e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", three.toString())));
        assertTrue(e.getMessage().contains("has 3 centroid rows, expected k = 2"), e.getMessage());

        e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", dir.resolve("none.csv").toString())));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        e = assertThrows(OptionException.class, () -> KMeansFactory.options(2, params("centroids", three.toString(), "init", "k-means++")));
        assertTrue(e.getMessage().contains("init is 'k-means++'"), e.getMessage());
    }

    @Test
    void miniBatchFactoryReadsItsKeys() {
        MiniBatchKMeansOptions o = MiniBatchKMeansFactory.options(5, params("batch-size", 256, "max-iterations", 20,
                "max-no-improvement", 0, "reassignment-ratio", 0.05, "init", "random-points", "restarts", 1,
                "init-size", 600, "tolerance", 0.01));
        assertEquals(new MiniBatchKMeansOptions(5, 256, 20, 0.01, 0, 0.05, Initialization.RANDOM_POINTS, 600, 1, null), o);
        assertEquals(MiniBatchKMeansOptions.defaults(5), MiniBatchKMeansFactory.options(5, params()));
        OptionException e = assertThrows(OptionException.class, () -> MiniBatchKMeansFactory.options(5, params("batch_size", 5)));
        assertTrue(e.getMessage().contains("did you mean 'batch-size'"), e.getMessage());
        assertInstanceOf(MiniBatchKMeans.class, new MiniBatchKMeansFactory().create(5, params()));
    }
}
