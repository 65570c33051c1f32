package org.imageclustering.core.kmeans;

/**
 * What k-means does for a cluster that an assignment left empty, one implementation per
 * {@link EmptyClusterPolicy}: name the cluster whose rows may give it one (the row farthest from
 * its own centre is taken, by {@link EmptyClusterRelocation}), or fail.
 */
sealed interface EmptyClusterStrategy {
    /** Returned by {@link #donor} when any cluster with more than one row may give. */
    int ANY_CLUSTER = -1;

    /**
     * The cluster that gives empty cluster {@code empty} a row, or {@link #ANY_CLUSTER}, given the
     * current {@code counts} (which earlier relocations of this update have already changed).
     *
     * @throws IllegalStateException when the policy is to fail, naming the cluster and iteration
     */
    int donor(long[] counts, int empty, int iteration);

    /** The strategy of a policy. */
    static EmptyClusterStrategy of(EmptyClusterPolicy policy) {
        return switch (policy) {
            case FARTHEST_POINT -> new FarthestPoint();
            case LARGEST_CLUSTER_SPLIT -> new LargestClusterSplit();
            case ERROR -> new Fail();
        };
    }

    /** The row farthest from its own centre, in any cluster that keeps a row (scikit-learn's choice). */
    record FarthestPoint() implements EmptyClusterStrategy {
        @Override
        public int donor(long[] counts, int empty, int iteration) {
            return ANY_CLUSTER;
        }
    }

    /** The farthest row of the largest cluster (the lowest index among equals). */
    record LargestClusterSplit() implements EmptyClusterStrategy {
        @Override
        public int donor(long[] counts, int empty, int iteration) {
            int donor = 0;
            for (int c = 1; c < counts.length; c++) {
                if (counts[c] > counts[donor]) {
                    donor = c;
                }
            }
            return donor;
        }
    }

    /** No relocation: the fit fails. */
    record Fail() implements EmptyClusterStrategy {
        @Override
        public int donor(long[] counts, int empty, int iteration) {
            throw new IllegalStateException("cluster " + empty + " became empty in iteration " + iteration
                    + " (empty-clusters: error); choose farthest-point or largest-cluster-split to relocate it");
        }
    }
}
