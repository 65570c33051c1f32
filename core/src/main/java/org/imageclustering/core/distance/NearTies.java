package org.imageclustering.core.distance;

/**
 * The near-tie rule of every nearest-centre search: a centre is a finalist when its approximate
 * squared distance less its error bound is at most {@link #cut} of the smallest approximate
 * distance plus its error bound; when more than one centre is a finalist, the finalists are
 * compared by the exact {@link SquaredEuclidean#distance}, ties to the lowest index.
 *
 * <p>The error bounds alone make the rule rigorous; {@link #SLACK} widens the cut by a relative
 * margin far above the double rounding of the bounds themselves, so that a centre whose interval
 * only touches the best one's is never ruled out by a rounding. Every scalar search calls
 * {@link #cut} and {@link #isFinalist}; the Vector API kernel repeats them lane-wise with
 * {@link #SLACK}, in the same order of operations, so every path takes the same decisions.
 */
public final class NearTies {
    /** Relative slack for double rounding when exact distances decide between near-tied centres. */
    public static final double SLACK = 1e-12;

    private NearTies() {
    }

    /** The cut for finalists, given the smallest approximate distance plus its error bound. */
    public static double cut(double bestUpper) {
        return bestUpper + SLACK * Math.abs(bestUpper);
    }

    /** Whether a centre whose approximate distance less its error bound is {@code lower} is a finalist. */
    public static boolean isFinalist(double lower, double cut) {
        return lower <= cut;
    }
}
