package org.imageclustering.testing;

/**
 * The adjusted Rand index (Hubert and Arabie 1985) of two labelings: 1 for the same partition
 * whatever the label names, about 0 for chance agreement.
 *
 * <p>A test-only copy: core's tests check clusterings against known classes, and core cannot reach
 * the reporting module's {@code AdjustedRandIndex} (reporting depends on core). Reporting's tests
 * check that the two agree.
 */
public final class AdjustedRand {
    private AdjustedRand() {
    }

    /** The adjusted Rand index of two labelings of the same rows, each label in {@code 0..}. */
    public static double of(int[] a, int[] b) {
        int ka = 0;
        int kb = 0;
        for (int v : a) {
            ka = Math.max(ka, v + 1);
        }
        for (int v : b) {
            kb = Math.max(kb, v + 1);
        }
        long[][] table = new long[ka][kb];
        long[] rows = new long[ka];
        long[] cols = new long[kb];
        for (int i = 0; i < a.length; i++) {
            table[a[i]][b[i]]++;
            rows[a[i]]++;
            cols[b[i]]++;
        }
        double index = 0;
        for (long[] r : table) {
            for (long v : r) {
                index += v * (v - 1) / 2.0;
            }
        }
        double sumA = 0;
        double sumB = 0;
        for (long v : rows) {
            sumA += v * (v - 1) / 2.0;
        }
        for (long v : cols) {
            sumB += v * (v - 1) / 2.0;
        }
        double total = a.length * (a.length - 1) / 2.0;
        double expected = sumA * sumB / total;
        double max = (sumA + sumB) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }
}
