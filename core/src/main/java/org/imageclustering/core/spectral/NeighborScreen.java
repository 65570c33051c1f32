package org.imageclustering.core.spectral;

/**
 * The screen of {@link NearestNeighbors}' scan of a tile pair's distances: which groups of values
 * can enter a neighbour list, given a row's threshold and each column's. It only skips work: a
 * group it passes over has no value at or below either threshold, so the lists come out the same
 * whichever implementation the library's {@code KernelProvider} chose once:
 * {@code VectorNeighborScreen} (a SIMD compare per group of double lanes) or {@link Scalar}.
 */
interface NeighborScreen {
    /** Values per group: the scan offers a whole group once it holds a candidate. */
    int step();

    /**
     * The first group start {@code j} in {@code [from, upper)}, from {@code from} by {@link #step},
     * with a value {@code block[row + q] <= max(threshold[q], limit)} for some {@code q} of the
     * group; {@code upper} if none.
     */
    int next(double[] block, int row, double[] threshold, double limit, int from, int upper);

    /** The screen without the Vector API: one value per group, compared as the lanes compare. */
    final class Scalar implements NeighborScreen {
        Scalar() {
        }

        @Override
        public int step() {
            return 1;
        }

        @Override
        public int next(double[] block, int row, double[] threshold, double limit, int from, int upper) {
            for (int j = from; j < upper; j++) {
                if (block[row + j] <= Math.max(threshold[j], limit)) {
                    return j;
                }
            }
            return upper;
        }
    }
}
