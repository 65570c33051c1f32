package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmptyClusterStrategyTest {
    @Test
    void eachPolicyHasItsStrategy() {
        assertInstanceOf(EmptyClusterStrategy.FarthestPoint.class,
                EmptyClusterStrategy.of(EmptyClusterPolicy.FARTHEST_POINT));
        assertInstanceOf(EmptyClusterStrategy.LargestClusterSplit.class,
                EmptyClusterStrategy.of(EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT));
        assertInstanceOf(EmptyClusterStrategy.Fail.class, EmptyClusterStrategy.of(EmptyClusterPolicy.ERROR));
    }

    @Test
    void farthestPointLetsAnyClusterGive() {
        assertEquals(EmptyClusterStrategy.ANY_CLUSTER,
                new EmptyClusterStrategy.FarthestPoint().donor(new long[] {4, 0, 9}, 1, 3));
    }

    @Test
    void largestClusterSplitNamesTheLargestClusterTheLowestAmongEquals() {
        EmptyClusterStrategy split = new EmptyClusterStrategy.LargestClusterSplit();
        assertEquals(2, split.donor(new long[] {4, 0, 9, 1}, 1, 3));
        assertEquals(0, split.donor(new long[] {9, 0, 9, 1}, 1, 3));
        assertEquals(3, split.donor(new long[] {0, 0, 1, 2}, 0, 3));
    }

    @Test
    void failNamesTheClusterAndTheIteration() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EmptyClusterStrategy.Fail().donor(new long[] {4, 0, 9}, 1, 3));
        assertEquals("cluster 1 became empty in iteration 3 (empty-clusters: error); choose farthest-point or "
                + "largest-cluster-split to relocate it", e.getMessage());
    }
}
