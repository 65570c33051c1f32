package org.imageclustering.reporting.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contingency table of a clustering against the true classes: {@code count(c, k)} images of
 * class {@code c} put in cluster {@code k}. Every external metric is a function of this table.
 *
 * <p>Rows are the class labels and columns the cluster labels that occur (sorted, as
 * scikit-learn's {@code contingency_matrix} builds them); {@link #classLabels()} and
 * {@link #clusterLabels()} give the original label of each row and column. Classes or clusters that
 * occur in no image are left out, so the information measures see the same table scikit-learn does.
 */
public final class Contingency {
    private final int[] classLabels;
    private final int[] clusterLabels;
    private final long[][] counts;
    private final long[] classSizes;
    private final long[] clusterSizes;
    private final long n;

    private Contingency(int[] classLabels, int[] clusterLabels, long[][] counts) {
        this.classLabels = classLabels;
        this.clusterLabels = clusterLabels;
        this.counts = counts;
        this.classSizes = new long[classLabels.length];
        this.clusterSizes = new long[clusterLabels.length];
        long total = 0;
        for (int c = 0; c < classLabels.length; c++) {
            for (int k = 0; k < clusterLabels.length; k++) {
                classSizes[c] += counts[c][k];
                clusterSizes[k] += counts[c][k];
                total += counts[c][k];
            }
        }
        this.n = total;
    }

    /** Tabulates {@code truth} against {@code predicted} (same length, labels {@code >= 0}). */
    public static Contingency of(int[] truth, int[] predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predicted");
        }
        int[] classes = distinct(truth, "true");
        int[] clusters = distinct(predicted, "predicted");
        int[] classIndex = indexOf(classes);
        int[] clusterIndex = indexOf(clusters);
        long[][] counts = new long[classes.length][clusters.length];
        for (int i = 0; i < truth.length; i++) {
            counts[classIndex[truth[i]]][clusterIndex[predicted[i]]]++;
        }
        return new Contingency(classes, clusters, counts);
    }

    private static int[] distinct(int[] labels, String what) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(what + " label at row " + i + " is negative: " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        boolean[] seen = new boolean[max + 1];
        int count = 0;
        for (int l : labels) {
            if (!seen[l]) {
                seen[l] = true;
                count++;
            }
        }
        int[] out = new int[count];
        int j = 0;
        for (int l = 0; l <= max; l++) {
            if (seen[l]) {
                out[j++] = l;
            }
        }
        return out;
    }

    private static int[] indexOf(int[] sortedDistinct) {
        int[] index = new int[sortedDistinct.length == 0 ? 0 : sortedDistinct[sortedDistinct.length - 1] + 1];
        for (int i = 0; i < sortedDistinct.length; i++) {
            index[sortedDistinct[i]] = i;
        }
        return index;
    }

    /** Number of images tabulated. */
    public long n() {
        return n;
    }

    public int classCount() {
        return classLabels.length;
    }

    public int clusterCount() {
        return clusterLabels.length;
    }

    /** Images of the {@code row}-th occurring class in the {@code col}-th occurring cluster. */
    public long count(int row, int col) {
        return counts[row][col];
    }

    /** The original class label of each row. */
    public int[] classLabels() {
        return classLabels.clone();
    }

    /** The original cluster label of each column. */
    public int[] clusterLabels() {
        return clusterLabels.clone();
    }

    public long classSize(int row) {
        return classSizes[row];
    }

    public long clusterSize(int col) {
        return clusterSizes[col];
    }

    /** A copy of the table, classes by clusters. */
    public long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts[c].clone();
        }
        return out;
    }

    /**
     * The full table indexed by original labels: {@code classes x clusters} with zero rows and
     * columns for labels that do not occur, as drawn in reports.
     */
    public long[][] dense(int classes, int clusters) {
        long[][] out = new long[classes][clusters];
        for (int c = 0; c < classLabels.length; c++) {
            for (int k = 0; k < clusterLabels.length; k++) {
                if (classLabels[c] >= classes || clusterLabels[k] >= clusters) {
                    throw new IllegalArgumentException("label outside a " + classes + " x " + clusters + " table");
                }
                out[classLabels[c]][clusterLabels[k]] = counts[c][k];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Contingency" + Arrays.deepToString(counts);
    }
}
