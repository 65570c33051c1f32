package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.Test;

class EmptyClusterPolicyTest {
    /**
     * 1-D rows: a big group at 0..9 (10 rows), a small group at 100, 101 and one far row at 1000.
     * Start: centres at 0, 100 and -10000 (the last wins no row, so it is empty after the first
     * assignment).
     */
    private static final FloatMatrix DATA = FloatMatrix.of(new float[][] {
            {0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {100}, {101}, {1000}});
    private static final FloatMatrix START = FloatMatrix.of(new float[][] {{0}, {100}, {-10000}});

    private static Clustering run(EmptyClusterPolicy policy, int iterations) {
        KMeansOptions options = KMeansOptions.defaults(3).withEmptyClusterPolicy(policy).withMaxIterations(iterations)
                .withVariant(KMeansVariant.LLOYD);
        return new KMeans(options).fitFrom(DATA, START, FitContext.of(1));
    }

    @Test
    void farthestPointMovesTheEmptyCentreOntoTheRowFarthestFromItsCentre() {
        Clustering c = run(EmptyClusterPolicy.FARTHEST_POINT, 1);
        // The first assignment puts 100, 101 and 1000 with centre 100; row 1000 is the farthest row
        // from its own centre (900), so the empty centre moves onto it and leaves 100, 101 behind.
        assertEquals(1000f, c.centroids().get(2, 0));
        assertEquals(1L, c.diagnostics().get("empty_cluster_relocations"));
        assertEquals(100.5f, c.centroids().get(1, 0)); // 1000 left the sums of cluster 1
        Clustering done = run(EmptyClusterPolicy.FARTHEST_POINT, 100);
        assertEquals(1, done.sizes()[2]);
        assertTrue(done.converged());
        assertCentroidsAreTheMeansOfTheirRows(done);
    }

    @Test
    void sumsAfterARelocationFollowTheLabelsAgain() {
        // The relocation moves row 1000's share between the sums for one update; afterwards the
        // sums must again be those of the labels, whatever the policy.
        for (EmptyClusterPolicy policy : new EmptyClusterPolicy[] {EmptyClusterPolicy.FARTHEST_POINT,
                EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT}) {
            for (KMeansVariant variant : KMeansVariant.values()) {
                KMeansOptions options = KMeansOptions.defaults(3).withEmptyClusterPolicy(policy).withVariant(variant);
                assertCentroidsAreTheMeansOfTheirRows(new KMeans(options).fitFrom(DATA, START, FitContext.of(1)));
            }
        }
    }

    private static void assertCentroidsAreTheMeansOfTheirRows(Clustering c) {
        assertTrue(c.converged(), "the last update must have used the final labels");
        for (int cluster = 0; cluster < 3; cluster++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < DATA.rows(); i++) {
                if (c.labels()[i] == cluster) {
                    sum += DATA.get(i, 0);
                    count++;
                }
            }
            assertEquals((float) (sum / count), c.centroids().get(cluster, 0), "centroid " + cluster);
        }
    }

    @Test
    void largestClusterSplitTakesTheFarthestMemberOfTheBiggestCluster() {
        Clustering c = run(EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT, 1);
        // Cluster 0 (rows 0..9, centre 0) is the largest; its farthest member is 9, so the empty
        // centre moves onto 9, centre 0 to 4 (the mean of 0..8) and centre 1 to 400.33 (100, 101,
        // 1000). The final assignment then gives 7, 8, 9, 100 and 101 to centre 9 (farthest-point
        // would have moved it onto 1000), and the centroids move to the means of the final labels.
        assertEquals(45f, c.centroids().get(2, 0)); // mean of 7, 8, 9, 100, 101
        assertEquals(3f, c.centroids().get(0, 0)); // mean of 0..6
        assertEquals(1000f, c.centroids().get(1, 0));
        assertEquals(1L, c.diagnostics().get("empty_cluster_relocations"));
    }

    @Test
    void errorPolicyFailsNamingTheClusterAndIteration() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(EmptyClusterPolicy.ERROR, 10));
        assertTrue(e.getMessage().contains("cluster 2 became empty in iteration 1"), e.getMessage());
    }

    @Test
    void acceleratedVariantsRelocateExactlyLikeLloyd() {
        for (EmptyClusterPolicy policy : new EmptyClusterPolicy[] {EmptyClusterPolicy.FARTHEST_POINT,
                EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT}) {
            KMeansOptions options = KMeansOptions.defaults(3).withEmptyClusterPolicy(policy);
            Clustering lloyd = new KMeans(options.withVariant(KMeansVariant.LLOYD)).fitFrom(DATA, START, FitContext.of(1));
            for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
                Clustering fast = new KMeans(options.withVariant(v)).fitFrom(DATA, START, FitContext.of(1));
                assertEquals(lloyd.centroids(), fast.centroids(), policy.yamlName() + " " + v.yamlName());
                assertEquals(lloyd.distortion(), fast.distortion(), policy.yamlName() + " " + v.yamlName());
            }
        }
    }
}
