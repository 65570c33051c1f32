package org.imageclustering.reporting.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two-sided p-value of the Wilcoxon signed-rank test (Wilcoxon 1945) for paired differences, as
 * scipy 1.10's {@code wilcoxon} computes it with its default arguments ({@code zero_method="wilcox"},
 * {@code correction=False}, {@code method="auto"}):
 * <ul>
 *   <li>at most {@value #EXACT_LIMIT} differences and none of them zero: the exact null
 *       distribution of {@code W+}, the sum of the ranks of the positive differences. Tied
 *       magnitudes get average ranks and keep the exact distribution; a half-integer {@code W+} is
 *       rounded down, as scipy does;</li>
 *   <li>otherwise (a zero difference, or more pairs): zero differences dropped, then the normal
 *       approximation of {@code min(W+, W-)} with the tie correction of the variance and no
 *       continuity correction.</li>
 * </ul>
 * So 3 differences with a zero among them are judged by the normal approximation of the other two,
 * not by an exact test of two pairs, exactly as scipy reports.
 *
 * <p>Why not Commons Math's {@code WilcoxonSignedRankTest} for the p-value: its exact mode
 * enumerates all {@code 2^n} sign patterns (minutes at n = 30) and its approximation adds a
 * continuity correction. The exact distribution here is the classic counting recursion over ranks,
 * {@code O(n^3)}; ranks come from Commons Math's {@link NaturalRanking}.
 */
final class SignedRank {
    /** Largest number of differences judged by the exact distribution (scipy's limit). */
    static final int EXACT_LIMIT = 50;

    private SignedRank() {
    }

    /**
     * The p-value and how it was computed.
     *
     * @param p      two-sided p-value
     * @param exact  whether from the exact distribution (else the normal approximation)
     */
    record Result(double p, boolean exact) {
    }

    /** The test of differences {@code d}; at least one must be non-zero. */
    static Result test(double[] d) {
        boolean zero = Arrays.stream(d).anyMatch(v -> v == 0);
        if (d.length <= EXACT_LIMIT && !zero) {
            return new Result(exact(d), true);
        }
        double[] nonZero = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nonZero.length == 0) {
            throw new IllegalArgumentException("every difference is zero: the signed-rank test is undefined");
        }
        return new Result(normal(nonZero), false);
    }

    /** Smallest two-sided p-value the exact test can give with {@code n} non-zero differences: 2 / 2^n. */
    static double smallestExactP(int n) {
        return Math.min(1.0, 2 / Math.pow(2, n));
    }

    private static double[] ranksOfMagnitudes(double[] d) {
        double[] abs = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            abs[i] = Math.abs(d[i]);
        }
        return new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(abs);
    }

    private static double plusRankSum(double[] d, double[] ranks) {
        double wPlus = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 0) {
                wPlus += ranks[i];
            }
        }
        return wPlus;
    }

    private static double exact(double[] d) {
        int n = d.length;
        int total = n * (n + 1) / 2;
        // scipy truncates a half-integer rank sum (from tied magnitudes) to an integer.
        int plus = (int) Math.floor(plusRankSum(d, ranksOfMagnitudes(d)));
        if (plus == total / 2) {
            return 1.0; // the centre of the distribution, as scipy
        }
        // count[w] = number of subsets of {1..n} whose ranks sum to w, i.e. sign patterns with W+ = w.
        double[] count = new double[total + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int w = total; w >= r; w--) {
                count[w] += count[w - r];
            }
        }
        double all = Math.pow(2, n);
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

    private static double normal(double[] d) {
        int n = d.length;
        double[] ranks = ranksOfMagnitudes(d);
        double wPlus = plusRankSum(d, ranks);
        double total = n * (n + 1) / 2.0;
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0;
        // Tie correction: subtract sum(t^3 - t) / 48 over groups of equal magnitudes.
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
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
        return Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)));
    }
}
