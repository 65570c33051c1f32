package org.imageclustering.reporting.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two-sided p-value of the Wilcoxon signed-rank test (Wilcoxon 1945) for non-zero paired
 * differences, as scipy computes it by default: the exact null distribution when there are at most
 * {@value #EXACT_LIMIT} differences and no tied magnitudes, otherwise the normal approximation with
 * the tie correction of the variance and no continuity correction.
 *
 * <p>Why not Commons Math's {@code WilcoxonSignedRankTest} for the p-value: its exact mode
 * enumerates all {@code 2^n} sign patterns (minutes at n = 30) and its approximation adds a
 * continuity correction. The exact distribution here is the classic counting recursion over ranks,
 * {@code O(n^3)}; ranks come from Commons Math's {@link NaturalRanking}.
 */
final class SignedRank {
    static final int EXACT_LIMIT = 50;

    private SignedRank() {
    }

    /** p-value for differences {@code d} (all non-zero, at least one). */
    static double twoSidedP(double[] d) {
        int n = d.length;
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(d[i]);
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(abs);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                wPlus += ranks[i];
            }
        }
        boolean ties = false;
        for (double r : ranks) {
            ties |= r != Math.rint(r);
        }
        int total = n * (n + 1) / 2;
        if (n <= EXACT_LIMIT && !ties) {
            // count[w] = number of subsets of {1..n} whose ranks sum to w, i.e. sign patterns with W+ = w.
            double[] count = new double[total + 1];
            count[0] = 1;
            for (int r = 1; r <= n; r++) {
                for (int w = total; w >= r; w--) {
                    count[w] += count[w - r];
                }
            }
            double all = Math.pow(2, n);
            int plus = (int) Math.rint(wPlus);
            double atMost = 0;
            for (int w = 0; w <= plus; w++) {
                atMost += count[w];
            }
            double atLeast = 0;
            for (int w = plus; w <= total; w++) {
                atLeast += count[w];
            }
            return Math.min(1.0, 2 * Math.min(atMost, atLeast) / all);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0;
        // Tie correction: subtract sum(t^3 - t) / 48 over groups of equal magnitudes.
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            variance -= (t * t * t - t) / 48.0;
            i = j;
        }
        double z = (Math.min(wPlus, total - wPlus) - mean) / Math.sqrt(variance);
        return Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(z));
    }
}
