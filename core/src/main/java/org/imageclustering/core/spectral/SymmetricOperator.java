package org.imageclustering.core.spectral;

import org.imageclustering.core.matrix.Parallelism;

/**
 * A real symmetric linear operator {@code y = M x} on vectors of length {@link #size()}: what an
 * iterative eigen-solver needs to know of a matrix.
 */
interface SymmetricOperator {
    int size();

    /** Writes {@code M x} into {@code y}; rows may be computed in parallel, each row by one task. */
    void apply(double[] x, double[] y, Parallelism parallel);
}
