package org.imageclustering.core;

/** Why an iterative fit stopped. */
public enum StopReason {
    /** The centres moved less than the tolerance (scikit-learn's criterion). */
    CENTER_SHIFT_TOLERANCE,
    /** The relative change of distortion fell below the tolerance (the original assignment's criterion). */
    DISTORTION_TOLERANCE,
    /** No point changed cluster: a fixed point of Lloyd's iteration. */
    NO_REASSIGNMENT,
    /** The smoothed distortion stopped improving (mini-batch early stopping). */
    NO_IMPROVEMENT,
    /** The iteration budget ran out before any convergence test passed. */
    MAX_ITERATIONS,
    /** The method is not iterative (or its iterative part is internal). */
    NOT_ITERATIVE;

    /** True for every reason except running out of iterations. */
    public boolean converged() {
        return this != MAX_ITERATIONS;
    }
}
