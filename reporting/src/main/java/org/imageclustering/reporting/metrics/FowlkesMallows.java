package org.imageclustering.reporting.metrics;

/**
 * Fowlkes-Mallows index: the geometric mean of pairwise precision and recall,
 * {@code TP / sqrt((TP + FP)(TP + FN))} over image pairs (Fowlkes and Mallows 1983). In
 * {@code [0, 1]}; 0 when no pair is together in both labellings.
 */
public final class FowlkesMallows implements ExternalMetric {
    /** Fowlkes-Mallows needs no options. */
    public FowlkesMallows() {
    }

    @Override
    public double score(Contingency t) {
        long n = t.n();
        long tk = -n;
        for (int c = 0; c < t.classCount(); c++) {
            for (int k = 0; k < t.clusterCount(); k++) {
                tk += t.count(c, k) * t.count(c, k);
            }
        }
        if (tk == 0) {
            return 0.0;
        }
        long pk = -n;
        for (int k = 0; k < t.clusterCount(); k++) {
            pk += t.clusterSize(k) * t.clusterSize(k);
        }
        long qk = -n;
        for (int c = 0; c < t.classCount(); c++) {
            qk += t.classSize(c) * t.classSize(c);
        }
        return Math.sqrt((double) tk / pk) * Math.sqrt((double) tk / qk);
    }
}
