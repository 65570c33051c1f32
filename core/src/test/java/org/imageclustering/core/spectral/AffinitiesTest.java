package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffinitiesTest {
    @TempDir
    Path dir;

    @Test
    void connectivityGraphAveragesBothDirections() {
        // on a line 0 - 1 - 2 ----- 3, row 3's nearest is 2 but 2's nearest is 1
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {1}, {2.2f}, {9}});
        var knn = NearestNeighbors.of(x, 1, Parallelism.sequential());
        SparseGraph g = Affinities.knnGraph(knn, KnnWeights.CONNECTIVITY, 7);
        assertEquals(1.0, g.weight(0, 1)); // mutual
        assertEquals(0.5, g.weight(1, 2));
        assertEquals(0.5, g.weight(2, 1));
        assertEquals(0.5, g.weight(3, 2));
        assertEquals(0.0, g.weight(0, 3));
        assertArrayEquals(new double[] {1, 1.5, 1, 0.5}, g.degrees());
    }

    @Test
    void selfTuningWeightsUseBothLocalScales() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {1}, {3}, {7}});
        var knn = NearestNeighbors.of(x, 2, Parallelism.sequential());
        SparseGraph g = Affinities.knnGraph(knn, KnnWeights.SELF_TUNING, 2);
        // sigma = distance to the 2nd neighbour: row 0 -> 3, row 1 -> 2, row 2 -> 3, row 3 -> 6
        assertEquals(Math.exp(-1.0 / (3 * 2)), g.weight(0, 1), 1e-12);
        assertEquals(Math.exp(-16.0 / (3 * 6)), g.weight(3, 2), 1e-12);
        assertEquals(g.weight(3, 2), g.weight(2, 3));
    }

    @Test
    void precomputedTripletsBuildASymmetricGraph() throws IOException {
        Path f = write("i,j,w\n# a comment\n0,1,2.5\n1,0,2.5\n\n2,3,1\n3,3,0.5\n");
        SparseGraph g = Affinities.readPrecomputed(f, 4);
        assertEquals(2.5, g.weight(0, 1));
        assertEquals(2.5, g.weight(1, 0));
        assertEquals(1.0, g.weight(3, 2));
        assertEquals(0.5, g.weight(3, 3));
        assertEquals(5, g.nonZeros());
    }

    @Test
    void precomputedErrorsNameFileLineAndColumn() throws IOException {
        assertMessage(write("0,1,1\n0,x,1\n"), "line 2, column 2: expected a row index, found 'x'");
        assertMessage(write("0,9,1\n"), "line 1, column 2: row index 9 is outside [0, 4) (the data has 4 rows)");
        assertMessage(write("0,1,-1\n"), "line 1, column 3: expected a finite weight >= 0, found -1");
        assertMessage(write("0,1\n"), "line 1: expected 3 comma-separated values i,j,w, found 2 in '0,1'");
        assertMessage(write("0,1,1\n1,0,2\n"), "line 2: edge 1,0 was already given on line 1 with another weight 1.0");
        assertMessage(write("0,1,1\n0,1,1\n"), "line 2: edge 0,1 was already given on line 1");
    }

    @Test
    void precomputedGraphClustersItsComponents() throws IOException {
        // two triangles joined by nothing: k = 2 finds them whatever the rows hold
        Path f = write("0,1,1\n1,2,1\n0,2,1\n3,4,1\n4,5,1\n3,5,1\n");
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {5}, {0}, {5}, {0}, {5}});
        Clustering c = new SpectralClustering(SpectralOptions.defaults(2).withPrecomputed(f)
                .withSolver(SpectralOptions.Solver.LANCZOS)).fit(x, 1);
        assertEquals(c.labels()[0], c.labels()[1]);
        assertEquals(c.labels()[0], c.labels()[2]);
        assertEquals(c.labels()[3], c.labels()[5]);
        assertTrue(c.labels()[0] != c.labels()[3]);
        assertEquals("precomputed", c.diagnostics().get("affinity"));
        assertEquals(2, c.diagnostics().get("components"));
    }

    @Test
    void medianHeuristicIsTheInverseMedianSquaredDistance() {
        FloatMatrix x = FloatMatrix.of(new float[][] {{0}, {1}, {3}});
        // squared distances 1, 9, 4: median 4
        assertEquals(0.25, Affinities.medianHeuristicGamma(x, 3), 1e-15);
        FloatMatrix blobs = Fixtures.blobs(2, 800, 3, 4, 1).points();
        assertEquals(Affinities.medianHeuristicGamma(blobs, 5), Affinities.medianHeuristicGamma(blobs, 5));
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "graph", ".csv");
        Files.writeString(f, text);
        return f;
    }

    private static void assertMessage(Path f, String expectedTail) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Affinities.readPrecomputed(f, 4));
        assertEquals(f + ": " + expectedTail, e.getMessage());
    }
}
