package org.imageclustering.core;

/**
 * What one iteration of an iterative clustering did.
 *
 * @param iteration      1-based iteration number (within its restart)
 * @param distortion     sum of squared distances of every point to its assigned centre after
 *                       the assignment step of this iteration
 * @param reassignments  points whose label changed in this iteration
 * @param centerShift    sum over centres of the squared distance each centre moved in the update
 * @param nanos          wall time of the iteration, for traces only (never part of a result's identity)
 */
public record IterationTrace(int iteration, double distortion, long reassignments, double centerShift, long nanos) {
}
