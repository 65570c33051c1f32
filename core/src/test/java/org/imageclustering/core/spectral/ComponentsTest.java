package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ComponentsTest {
    /** Edges 0-4, 4-2, 3-5 (5-1 has weight 0): components {0, 2, 4}, {1}, {3, 5}. */
    private static final int N = 6;
    private static final int[] FROM = {0, 4, 3, 5};
    private static final int[] TO = {4, 2, 5, 1};
    private static final double[] W = {1.0, 0.5, 2.0, 0.0};
    private static final int[] EXPECTED = {0, 1, 0, 2, 0, 2};

    @Test
    void sparseGraphComponentsAreNumberedByLowestVertexAndZeroWeightsDoNotConnect() {
        assertArrayEquals(EXPECTED, SparseGraph.symmetrizedUnion(N, FROM, TO, W).components());
    }

    @Test
    void denseAffinityGivesTheSameComponentsAsTheSparseGraph() {
        float[] dense = new float[N * N];
        for (int e = 0; e < FROM.length; e++) {
            dense[FROM[e] * N + TO[e]] = (float) W[e];
            dense[TO[e] * N + FROM[e]] = (float) W[e];
        }
        assertArrayEquals(EXPECTED, SpectralClustering.denseComponents(N, dense));
    }
}
