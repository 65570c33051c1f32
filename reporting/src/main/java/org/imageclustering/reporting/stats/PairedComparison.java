package org.imageclustering.reporting.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two configurations compared on matched seeds: the same seed index run under configuration A
 * and configuration B gives one pair of metric values.
 *
 * <p>Reports the mean difference {@code A - B}, the two-sided paired t-test p-value (Student 1908,
 * as Commons Math's {@code TTest.pairedTTest}), the two-sided Wilcoxon signed-rank p-value
 * (Wilcoxon 1945, computed as scipy 1.10's default, see {@link SignedRank}), and win / tie / loss
 * counts from A's side, where "win" respects whether lower is better for the metric and a tie is a
 * difference within {@link #TIE_TOLERANCE} relative.
 *
 * <p>Some comparisons have no meaningful p-value, and {@link #status()} says which: with fewer
 * than 2 pairs; when every pair ties (no difference to test; scipy refuses such a sample); and,
 * for the t-test only, when every difference is the same up to rounding: the sample variance is
 * zero, the t statistic infinite, and the p-value (1e-29 from 3 seeds) would only measure rounding
 * noise. An algorithm that hardly depends on its seed makes such constant differences.
 *
 * @param n               pairs with both values finite
 * @param meanDifference  mean of {@code a - b}
 * @param tTestP          paired t-test p-value (NaN unless {@link Status#TESTED})
 * @param wilcoxonP       Wilcoxon signed-rank p-value (NaN for {@link Status#TOO_FEW_PAIRS} and
 *                        {@link Status#ALL_TIED})
 * @param wilcoxonExact   whether {@code wilcoxonP} comes from the exact distribution (else the
 *                        normal approximation)
 * @param status          whether the tests apply
 * @param wins            pairs where A is better
 * @param ties            pairs within the tie tolerance
 * @param losses          pairs where B is better
 */
public record PairedComparison(int n, double meanDifference, double tTestP, double wilcoxonP, boolean wilcoxonExact,
                               Status status, int wins, int ties, int losses) {
    /** Relative difference below which a pair counts as a tie. */
    public static final double TIE_TOLERANCE = 1e-9;

    /**
     * Standard deviation of the differences, relative to their mean, at or below which they count
     * as constant: equal up to the rounding of the metric's computation.
     */
    public static final double CONSTANT_TOLERANCE = 1e-9;

    /** Whether the paired tests apply, and if not, why. */
    public enum Status {
        TESTED(""),
        TOO_FEW_PAIRS("fewer than 2 matched pairs: no test"),
        ALL_TIED("every pair ties: no difference to test"),
        CONSTANT_DIFFERENCE("the same difference on every seed (zero variance): no t-test");

        private final String note;

        Status(String note) {
            this.note = note;
        }

        /** What a reader is told instead of a p-value; "" when the tests apply. */
        public String note() {
            return note;
        }
    }

    /** Compares {@code a[i]} with {@code b[i]} (pairs with a non-finite value are dropped). */
    public static PairedComparison of(double[] a, double[] b, boolean lowerIsBetter) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        int m = 0;
        double[] x = new double[a.length];
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[m] = a[i];
                y[m] = b[i];
                m++;
            }
        }
        x = Arrays.copyOf(x, m);
        y = Arrays.copyOf(y, m);
        double[] d = new double[m];
        int wins = 0;
        int ties = 0;
        int losses = 0;
        for (int i = 0; i < m; i++) {
            d[i] = x[i] - y[i];
            double scale = Math.max(Math.abs(x[i]), Math.abs(y[i]));
            if (Math.abs(d[i]) <= TIE_TOLERANCE * scale) {
                ties++;
            } else if ((d[i] < 0) == lowerIsBetter) {
                wins++;
            } else {
                losses++;
            }
        }
        double meanDiff = m == 0 ? Double.NaN : Arrays.stream(d).sum() / m;
        Status status;
        if (m < 2) {
            status = Status.TOO_FEW_PAIRS;
        } else if (ties == m) {
            status = Status.ALL_TIED;
        } else if (constant(d, meanDiff)) {
            status = Status.CONSTANT_DIFFERENCE;
        } else {
            status = Status.TESTED;
        }
        double tP = status == Status.TESTED ? new TTest().pairedTTest(x, y) : Double.NaN;
        SignedRank.Result w = status == Status.TESTED || status == Status.CONSTANT_DIFFERENCE ? SignedRank.test(d) : null;
        return new PairedComparison(m, meanDiff, tP, w == null ? Double.NaN : w.p(), w != null && w.exact(), status,
                wins, ties, losses);
    }

    /** Whether the differences' sample standard deviation is within rounding of zero, relative to their mean. */
    private static boolean constant(double[] d, double mean) {
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (d.length - 1));
        return sd <= CONSTANT_TOLERANCE * Math.abs(mean);
    }

    /**
     * Smallest two-sided Wilcoxon p-value that {@code n} pairs can give (exact distribution, no
     * zero difference): {@code 2 / 2^n}, 0.25 for 3 seeds.
     */
    public static double smallestWilcoxonP(int n) {
        return SignedRank.smallestExactP(n);
    }

    /**
     * Fewest pairs for which the smallest Wilcoxon p-value, multiplied by {@code comparisons} (the
     * worst case of Holm's correction), is below {@code alpha}.
     */
    public static int pairsForSignificance(int comparisons, double alpha) {
        int n = 1;
        while (smallestWilcoxonP(n) * Math.max(1, comparisons) >= alpha) {
            n++;
        }
        return n;
    }
}
