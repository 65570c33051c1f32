package org.imageclustering.reporting.metrics;

import java.math.BigInteger;

/**
 * Adjusted Rand index: the fraction of image pairs on which the clustering and the classes agree
 * (same / different group), corrected for chance (Hubert and Arabie 1985), computed from the pair
 * confusion matrix as scikit-learn does. 1 for identical partitions, about 0 at random, down to -0.5.
 */
public final class AdjustedRandIndex implements ExternalMetric {
    /** ARI needs no options. */
    public AdjustedRandIndex() {
    }

    @Override
    public double score(Contingency t) {
        long n = t.n();
        long sumSquares = 0;
        long rowWeighted = 0; // sum_ck n_ck * |cluster k|
        long colWeighted = 0; // sum_ck n_ck * |class c|
        for (int c = 0; c < t.classCount(); c++) {
            for (int k = 0; k < t.clusterCount(); k++) {
                long nij = t.count(c, k);
                sumSquares += nij * nij;
                rowWeighted += nij * t.clusterSize(k);
                colWeighted += nij * t.classSize(c);
            }
        }
        long tp = sumSquares - n;
        long fp = rowWeighted - sumSquares;
        long fn = colWeighted - sumSquares;
        long tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        // Products reach n^4 (1.9e19 at n = 70,000): exact integers, then one division.
        BigInteger num = big(tp).multiply(big(tn)).subtract(big(fn).multiply(big(fp))).shiftLeft(1);
        BigInteger den = big(tp + fn).multiply(big(fn + tn)).add(big(tp + fp).multiply(big(fp + tn)));
        return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), new java.math.MathContext(34))
                .doubleValue();
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** ARI between two labellings of the same images (used for stability across seeds). */
    public static double between(int[] a, int[] b) {
        return new AdjustedRandIndex().score(Contingency.of(a, b));
    }
}
