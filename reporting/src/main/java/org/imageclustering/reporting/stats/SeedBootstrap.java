package org.imageclustering.reporting.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap interval (Efron and Tibshirani 1993, ch. 13) for the mean of a statistic
 * of every pair of seeds, such as the adjusted Rand index between two seeds' clusterings.
 *
 * <p>Why not a Student-t interval over the pairs: the pairs share seeds (3 seeds give 3 pairs, but
 * each seed is in two of them), so they are not independent and the t interval is too narrow in
 * theory and, with so few values, wild in practice (it went past the ARI's maximum of 1). The
 * bootstrap resamples the seeds, the independent unit, with replacement; each resample's statistic
 * is the mean over its pairs of distinct seeds. Every such mean lies between the smallest and the
 * largest pair value, so the interval never leaves the metric's range.
 *
 * <p>Deterministic: the resamples come from a fixed seed, so the same runs give the same interval.
 */
public final class SeedBootstrap {
    /** Resamples drawn. */
    public static final int RESAMPLES = 2000;
    /** Seed of the resampling, fixed so that reports are reproducible. */
    public static final long SEED = 20240521L;
    /** Fewest seeds for an interval: with two, every resample holds the same single pair. */
    public static final int MIN_SEEDS = 3;

    private SeedBootstrap() {
    }

    /**
     * The two-sided {@link Summary#CONFIDENCE} interval {@code {low, high}} of the mean of
     * {@code pair[i][j]} over pairs of distinct seeds {@code i < j}; NaNs below
     * {@value #MIN_SEEDS} seeds.
     *
     * @param pair symmetric, {@code m x m}, one row per seed (the diagonal is not read)
     */
    public static double[] interval(double[][] pair) {
        int m = pair.length;
        if (m < MIN_SEEDS) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] means = new double[RESAMPLES];
        int kept = 0;
        int[] pick = new int[m];
        while (kept < RESAMPLES) {
            for (int i = 0; i < m; i++) {
                pick[i] = random.nextInt(m);
            }
            double sum = 0;
            int count = 0;
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    if (pick[a] != pick[b]) {
                        sum += pair[pick[a]][pick[b]];
                        count++;
                    }
                }
            }
            if (count > 0) { // a resample of one seed drawn m times has no pair: draw again
                means[kept++] = sum / count;
            }
        }
        Arrays.sort(means);
        double tail = (1 - Summary.CONFIDENCE) / 2;
        return new double[] {percentile(means, tail), percentile(means, 1 - tail)};
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
