package org.imageclustering.core.kmeans;

import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

import static org.imageclustering.core.kmeans.CentreGaps.BOUND_SLACK;

/**
 * Hamerly's labelling (G. Hamerly, Making k-means even faster, SDM 2010): per row an upper bound
 * on the distance to its own centre and a lower bound on the distance to every other centre,
 * widened by the centres' moves (triangle inequality); a row whose bounds prove its label is not
 * read. Memory: two doubles and an int per row.
 */
final class HamerlyLabeller implements Labeller {
    /**
     * Centres up to which comparing a row with all of them costs about what reading the row does
     * (the kernel is memory-bound there); beyond, its arithmetic grows with k. The unit of the
     * tightening decision.
     */
    private static final double TIGHTEN_BREAK_EVEN_K = 16;
    /** Per skipped pass, the factor on a chunk's remembered tightening failure rate. */
    private static final double TIGHTEN_RETRY_DECAY = 0.8;

    private final int k;
    private final double[] upper;
    private final double[] lower;
    /** Scratch: the rows of a chunk still open, at the chunk's own positions. */
    private final int[] gather;
    /** Per chunk: the share of the rows whose tightened upper bound still failed the test, last time it was tried. */
    private final double[] tightenFailure;
    private final CentreGaps gaps;

    HamerlyLabeller(int n, int k, int chunks) {
        this.k = k;
        this.upper = new double[n];
        this.lower = new double[n];
        this.gather = new int[n];
        this.tightenFailure = new double[chunks];
        this.gaps = new CentreGaps(k, false);
    }

    @Override
    public void centresMoved(Centers centres, double[] moved) {
        gaps.update(centres, moved);
    }

    /**
     * Rows whose bounds prove the label are skipped; the others first tighten the upper bound with
     * one distance, and only then are compared with all centres.
     *
     * <p>Tightening reads a row to save comparing it with every centre; when most tightened rows
     * fail the test anyway (early iterations, and small k, where comparing a row with every centre
     * costs about what reading it does) the chunk sends its failing rows straight to the full
     * comparison. The choice only moves work: every label is the exact argmin either way.
     */
    @Override
    public void label(AssignmentStep step, int s, int e, int chunk, Centers prepared, boolean first) {
        if (first) {
            long ex = SquaredEuclidean.assignWithBounds(step.rows, step.norms, s, e, prepared, step.fresh, null,
                    upper, lower);
            step.partials.countWork(chunk, (long) (e - s) * k, ex);
            return;
        }
        int[] labels = step.labels;
        int[] fresh = step.fresh;
        double[] upper = this.upper;
        double[] lower = this.lower;
        int[] gather = this.gather;
        double[] halfGap = gaps.halfGap;
        double[] moved = gaps.moved;
        int farIndex = gaps.farIndex;
        double farMove = gaps.farMove;
        double secondMove = gaps.secondMove;
        // Pass 1: widen the bounds by the last centre moves (triangle inequality); rows whose
        // bounds still prove the label are done.
        int m = s;
        for (int i = s; i < e; i++) {
            int a = labels[i];
            fresh[i] = a;
            upper[i] += moved[a];
            lower[i] = Math.max(0, lower[i] - (a == farIndex ? secondMove : farMove));
            if (upper[i] >= Math.max(halfGap[a], lower[i]) * (1 - BOUND_SLACK)) {
                gather[m++] = i;
            }
        }
        long dc = 0;
        int full = m;
        if (tightenPays(tightenFailure[chunk])) {
            // Pass 2: tighten the upper bound of the others with one distance each, then test again.
            SquaredEuclidean.upperBounds(step.rows, step.norms, gather, s, m, prepared, labels, upper);
            dc += m - s;
            full = s;
            for (int g = s; g < m; g++) {
                int i = gather[g];
                int a = labels[i];
                if (upper[i] >= Math.max(halfGap[a], lower[i]) * (1 - BOUND_SLACK)) {
                    gather[full++] = i;
                }
            }
            tightenFailure[chunk] = m > s ? (double) (full - s) / (m - s) : 0;
        } else {
            // not measured this time: let the estimate decay so that the chunk tries again later
            tightenFailure[chunk] *= TIGHTEN_RETRY_DECAY;
        }
        // Pass 3: the rest are compared with every centre.
        long ex = 0;
        if (full > s) {
            ex = SquaredEuclidean.assignRowsWithBounds(step.rows, step.norms, gather, s, full, prepared, fresh, null,
                    upper, lower);
            dc += (long) (full - s) * k;
        }
        step.partials.countWork(chunk, dc, ex);
    }

    /**
     * Whether tightening pays, given the share of tightened rows that still failed last time: it
     * costs a row read for every row it tries and saves a full comparison (worth about
     * {@code max(1, k / 16)} row reads) for each row it clears.
     */
    private boolean tightenPays(double failure) {
        double fullCost = Math.max(1.0, k / TIGHTEN_BREAK_EVEN_K);
        return failure * fullCost + 1 < fullCost;
    }
}
