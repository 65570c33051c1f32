package org.imageclustering.reporting.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Descriptive statistics of one metric across seeds: count, mean, sample standard deviation,
 * median, extremes and a two-sided 95% confidence interval for the mean from Student's t
 * distribution with {@code n - 1} degrees of freedom. Non-finite values (a metric that did not
 * apply) are left out; they do not count in {@code n}.
 *
 * @param n       finite values summarised
 * @param mean    arithmetic mean (NaN when {@code n = 0})
 * @param sd      sample standard deviation, divisor {@code n - 1} (NaN when {@code n < 2})
 * @param median  middle value, the mean of the two middle ones for even {@code n}
 * @param min     smallest value
 * @param max     largest value
 * @param ciLow   lower end of the 95% interval {@code mean - t(0.975, n-1) sd / sqrt(n)} (NaN when {@code n < 2})
 * @param ciHigh  upper end of that interval
 */
public record Summary(int n, double mean, double sd, double median, double min, double max, double ciLow,
                      double ciHigh) {
    /** Confidence level of {@link #ciLow()} / {@link #ciHigh()}. */
    public static final double CONFIDENCE = 0.95;

    /** Summarises {@code values}, ignoring NaN and infinities. */
    public static Summary of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, median, v[0], v[0], Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = studentQuantile(0.5 + CONFIDENCE / 2, n - 1);
        double half = t * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, median, v[0], v[n - 1], mean - half, mean + half);
    }

    /**
     * Absolute accuracy asked of the solver that inverts Student's t distribution function. Commons
     * Math's default, 1e-9, leaves the quantile off by up to 4e-9; the quantiles used here lie
     * between 1 and 64, so 1e-14 keeps them within 1e-12 relative of scipy's {@code t.ppf}.
     */
    private static final double QUANTILE_ACCURACY = 1e-14;

    /** The {@code p} quantile of Student's t distribution with {@code df} degrees of freedom. */
    public static double studentQuantile(double p, int df) {
        return new TDistribution(null, df, QUANTILE_ACCURACY).inverseCumulativeProbability(p);
    }

    /**
     * This summary with its interval cut to {@code [low, high]}, the range the metric can take: a
     * Student-t interval of a mean near the edge (an ARI of 1 on two seeds, 0.99 on the third) would
     * otherwise promise values the metric cannot have.
     */
    public Summary clippedTo(double low, double high) {
        if (Double.isNaN(ciLow)) {
            return this;
        }
        return new Summary(n, mean, sd, median, min, max, Math.min(Math.max(ciLow, low), high),
                Math.max(Math.min(ciHigh, high), low));
    }

    /** This summary with another interval (a bootstrap interval, say) in place of the t interval. */
    public Summary withInterval(double low, double high) {
        return new Summary(n, mean, sd, median, min, max, low, high);
    }
}
