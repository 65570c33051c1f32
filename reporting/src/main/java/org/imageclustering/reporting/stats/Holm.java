package org.imageclustering.reporting.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for testing several hypotheses at once (Holm 1979): sort the m
 * p-values, multiply the i-th smallest by {@code m - i}, carry the running maximum, cap at 1. It
 * controls the family-wise error rate without Bonferroni's loss of power.
 */
public final class Holm {
    private Holm() {
    }

    /** Adjusted p-values in the input order; NaN entries stay NaN and do not count in m. */
    public static double[] adjust(double[] p) {
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        int m = order.length;
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int r = 0; r < m; r++) {
            double adj = Math.min(1.0, (m - r) * p[order[r]]);
            running = Math.max(running, adj);
            out[order[r]] = running;
        }
        return out;
    }
}
