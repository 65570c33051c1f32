package org.imageclustering.reporting.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two configurations compared on matched seeds: the same seed index run under configuration A
 * and configuration B gives one pair of metric values.
 *
 * <p>Reports the mean difference {@code A - B}, the two-sided paired t-test p-value (Student 1908,
 * as Commons Math's {@code TTest.pairedTTest}), the two-sided Wilcoxon signed-rank p-value
 * (Wilcoxon 1945; zero differences dropped, exact distribution up to 50 pairs without tied
 * magnitudes, normal approximation otherwise, as scipy's default; see {@link SignedRank}), and
 * win / tie / loss counts from A's side, where
 * "win" respects whether lower is better for the metric and a tie is a difference within
 * {@link #TIE_TOLERANCE} relative.
 *
 * @param n               pairs with both values finite
 * @param meanDifference  mean of {@code a - b}
 * @param tTestP          paired t-test p-value (NaN below 2 pairs; 1 when every difference is 0)
 * @param wilcoxonP       Wilcoxon signed-rank p-value (NaN below 2 pairs; 1 when every difference is 0)
 * @param wins            pairs where A is better
 * @param ties            pairs within the tie tolerance
 * @param losses          pairs where B is better
 */
public record PairedComparison(int n, double meanDifference, double tTestP, double wilcoxonP, int wins, int ties,
                               int losses) {
    /** Relative difference below which a pair counts as a tie. */
    public static final double TIE_TOLERANCE = 1e-9;

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
        int wins = 0;
        int ties = 0;
        int losses = 0;
        double sumDiff = 0;
        int nonZero = 0;
        for (int i = 0; i < m; i++) {
            double d = x[i] - y[i];
            sumDiff += d;
            if (d != 0) {
                nonZero++;
            }
            double scale = Math.max(Math.abs(x[i]), Math.abs(y[i]));
            if (Math.abs(d) <= TIE_TOLERANCE * scale) {
                ties++;
            } else if ((d < 0) == lowerIsBetter) {
                wins++;
            } else {
                losses++;
            }
        }
        double meanDiff = m == 0 ? Double.NaN : sumDiff / m;
        double tP;
        double wP;
        if (m < 2) {
            tP = Double.NaN;
            wP = Double.NaN;
        } else if (nonZero == 0) {
            tP = 1.0;
            wP = 1.0;
        } else {
            tP = tTest(x, y);
            wP = wilcoxon(x, y);
        }
        return new PairedComparison(m, meanDiff, tP, wP, wins, ties, losses);
    }

    private static double tTest(double[] x, double[] y) {
        // Constant non-zero differences have zero variance: the t statistic is infinite, p is 0.
        double first = x[0] - y[0];
        boolean constant = true;
        for (int i = 1; i < x.length; i++) {
            constant &= (x[i] - y[i]) == first;
        }
        return constant ? 0.0 : new TTest().pairedTTest(x, y);
    }

    private static double wilcoxon(double[] x, double[] y) {
        int m = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                xs[m] = x[i];
                ys[m] = y[i];
                m++;
            }
        }
        if (m == 0) {
            return 1.0;
        }
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            d[i] = xs[i] - ys[i];
        }
        return SignedRank.twoSidedP(d);
    }
}
