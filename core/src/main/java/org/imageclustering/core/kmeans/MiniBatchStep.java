package org.imageclustering.core.kmeans;

import java.util.Arrays;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * The assignment step over a mini-batch: listed rows (a row listed twice counts twice) get their
 * nearest centre and its approximate distance from the kernel, in parallel; then, in list order,
 * their float64 sums and counts per centre, from zero, and the sum of the distances. The batch
 * form of {@link AssignmentStep}: a batch is small and its rows repeat, so it keeps no labels
 * between steps and no chunks.
 */
final class MiniBatchStep {
    /** Batch rows labelled per parallel chunk. */
    private static final int ASSIGN_CHUNK = 256;

    private final FloatMatrix data;
    private final double[] norms;
    private final int d;
    /** Per data row: its label and distance in the current batch. */
    private final int[] labels;
    private final double[] dist;
    /** Per centre, the sum of the batch's rows (row-major {@code k x d}) and their count. */
    final double[] sums;
    final int[] counts;

    MiniBatchStep(FloatMatrix data, double[] norms, int k) {
        this.data = data;
        this.norms = norms;
        this.d = data.cols();
        this.labels = new int[data.rows()];
        this.dist = new double[data.rows()];
        this.sums = new double[k * d];
        this.counts = new int[k];
    }

    /** Assigns {@code rows[0 .. count)} to {@code centres}; returns the batch distortion (list order). */
    double assign(int[] rows, int count, Centers centres, Parallelism parallel) {
        // Rows may repeat within a batch; each row's label and distance depend only on the row.
        parallel.forEach(count, ASSIGN_CHUNK, (s, e) ->
                SquaredEuclidean.assignRows(data, norms, rows, s, e, centres, labels, dist));
        float[] x = data.data();
        double distortion = 0;
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
        for (int b = 0; b < count; b++) {
            int i = rows[b];
            int l = labels[i];
            distortion += dist[i];
            counts[l]++;
            AssignmentStep.addRow(x, i * d, sums, l * d, d);
        }
        return distortion;
    }
}
