package org.imageclustering.reporting.metrics;

/**
 * Clustering accuracy ("ACC" in image-clustering papers): the fraction of images correctly
 * labelled under the best one-to-one mapping of clusters to classes, found by the
 * {@link Hungarian} method on the contingency table (Xie, Girshick and Farhadi 2016, eq. 10).
 * In {@code [0, 1]}. When K differs from the number of classes, the surplus clusters (or classes)
 * stay unmatched and their images count as errors.
 */
public final class MatchedAccuracy implements ExternalMetric {
    /** Matched accuracy needs no options. */
    public MatchedAccuracy() {
    }

    @Override
    public double score(Contingency t) {
        double[][] cost = new double[t.clusterCount()][t.classCount()];
        for (int k = 0; k < cost.length; k++) {
            for (int c = 0; c < cost[k].length; c++) {
                cost[k][c] = -t.count(c, k);
            }
        }
        int[] match = Hungarian.minimumCostAssignment(cost);
        long correct = 0;
        for (int k = 0; k < match.length; k++) {
            if (match[k] >= 0) {
                correct += t.count(match[k], k);
            }
        }
        return (double) correct / t.n();
    }

    /**
     * The class index (row of {@code t}) each cluster column is mapped to, or {@code -1} for a
     * surplus cluster; for reports that relabel clusters by their matched class.
     */
    public static int[] clusterToClass(Contingency t) {
        double[][] cost = new double[t.clusterCount()][t.classCount()];
        for (int k = 0; k < cost.length; k++) {
            for (int c = 0; c < cost[k].length; c++) {
                cost[k][c] = -t.count(c, k);
            }
        }
        return Hungarian.minimumCostAssignment(cost);
    }
}
