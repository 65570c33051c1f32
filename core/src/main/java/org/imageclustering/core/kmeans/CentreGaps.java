package org.imageclustering.core.kmeans;

import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * What the bounded variants learn from each centre update: how far every centre moved, which two
 * moved most, half the gap from each centre to its nearest other centre, and (for Elkan) half
 * the gap between every two centres. All are rigorous: gaps are under, moves over the true values.
 */
final class CentreGaps {
    /** Relative margin of the bound tests, far above the double rounding of the bounds. */
    static final double BOUND_SLACK = 1e-9;

    private final int k;
    /** Per centre, a lower bound on half the distance to the nearest other centre. */
    final double[] halfGap;
    /** Per pair {@code a * k + b}, a lower bound on half their distance (infinity on the diagonal); null for Hamerly. */
    final double[] halfCentreGap;
    /** Per centre, its last move (an upper bound, not squared); all zero before the first update. */
    double[] moved;
    /** The centre that moved most, its move, and the largest move of any other centre. */
    int farIndex;
    double farMove;
    double secondMove;

    CentreGaps(int k, boolean pairwise) {
        this.k = k;
        this.halfGap = new double[k];
        this.halfCentreGap = pairwise ? new double[k * k] : null;
        this.moved = new double[k];
    }

    /** Brings everything up to date for the centres {@code prepared}, which moved by {@code moved}. */
    void update(Centers prepared, double[] moved) {
        this.moved = moved;
        int far = 0;
        for (int c = 1; c < k; c++) {
            if (moved[c] > moved[far]) {
                far = c;
            }
        }
        double second = 0;
        for (int c = 0; c < k; c++) {
            if (c != far && moved[c] > second) {
                second = moved[c];
            }
        }
        farIndex = far;
        farMove = moved[far];
        secondMove = second;
        // Every centre against every centre with the block kernel; the approximation less its
        // error bound is a rigorous lower bound of each gap, which is all the tests need.
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            norms[c] = prepared.norm(c);
        }
        double[] squared = new double[k * k];
        SquaredEuclidean.block(prepared.matrix(), norms, 0, k, prepared, squared);
        java.util.Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            if (halfCentreGap != null) {
                halfCentreGap[a * k + a] = Double.POSITIVE_INFINITY; // a centre is never its own rival
            }
            for (int b = a + 1; b < k; b++) {
                double low = Math.max(squared[a * k + b] - prepared.error(norms[a], b),
                        squared[b * k + a] - prepared.error(norms[b], a));
                double half = 0.5 * Math.sqrt(Math.max(0, low)) * (1 - 1e-12);
                if (halfCentreGap != null) {
                    halfCentreGap[a * k + b] = half;
                    halfCentreGap[b * k + a] = half;
                }
                halfGap[a] = Math.min(halfGap[a], half);
                halfGap[b] = Math.min(halfGap[b], half);
            }
        }
    }
}
