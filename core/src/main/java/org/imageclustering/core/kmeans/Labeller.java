package org.imageclustering.core.kmeans;

import org.imageclustering.core.distance.Centers;

/**
 * How one k-means variant finds the nearest centre of every row of a chunk, for
 * {@link AssignmentStep}: Lloyd by comparing each row with every centre, Hamerly and Elkan by
 * skipping the rows their bounds prove. Every variant writes the exact argmin (the kernel's rule),
 * so they differ in work, never in labels. Called once per chunk, never per row.
 */
interface Labeller {
    /**
     * Writes the nearest centre of each row {@code i} of {@code [start, end)}, all in chunk
     * {@code chunk}, into {@code step.fresh[i]}, reading the labels of the last pass in
     * {@code step.labels}, and records its work in {@code step.partials}. {@code first}: the run's
     * first pass, before which no bounds exist.
     */
    void label(AssignmentStep step, int start, int end, int chunk, Centers centres, boolean first);

    /** Takes note of the centres after an update, {@code moved[c]} being how far centre {@code c} moved. */
    void centresMoved(Centers centres, double[] moved);
}
