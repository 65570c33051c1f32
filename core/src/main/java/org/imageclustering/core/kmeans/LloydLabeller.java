package org.imageclustering.core.kmeans;

import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.RowBlocks;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Lloyd's labelling: every row against every centre, by the block kernel or, when the data was
 * copied into row blocks, by the row-lane kernel (the same bits, faster at small k). No state
 * besides that copy.
 */
final class LloydLabeller implements Labeller {
    /** Without row blocks. */
    static final LloydLabeller PLAIN = new LloydLabeller(null);

    /** The step's rows in row blocks, or null. */
    private final RowBlocks rowBlocks;

    LloydLabeller(RowBlocks rowBlocks) {
        this.rowBlocks = rowBlocks;
    }

    /** Whether this labelling uses the row-lane kernel. */
    boolean usesRowLanes() {
        return rowBlocks != null;
    }

    @Override
    public void label(AssignmentStep step, int start, int end, int chunk, Centers centres, boolean first) {
        long exact = rowBlocks == null
                ? SquaredEuclidean.assign(step.rows, step.norms, start, end, centres, step.fresh, null)
                : SquaredEuclidean.assignRowLanes(step.rows, rowBlocks, step.norms, start, end, centres, step.fresh,
                        null);
        step.partials.countWork(chunk, (long) (end - start) * step.k, exact);
    }

    @Override
    public void centresMoved(Centers centres, double[] moved) {
        // no bounds to keep
    }
}
