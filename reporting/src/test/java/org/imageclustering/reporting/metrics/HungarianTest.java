package org.imageclustering.reporting.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HungarianTest {
    /** The minimum total cost over every injective assignment of the smaller side, by brute force. */
    private static double bruteForce(double[][] cost) {
        int rows = cost.length;
        int cols = cost[0].length;
        if (rows <= cols) {
            return search(cost, 0, new boolean[cols], false);
        }
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = cost[i][j];
            }
        }
        return search(t, 0, new boolean[rows], false);
    }

    private static double search(double[][] cost, int row, boolean[] used, boolean unused) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + search(cost, row + 1, used, unused));
                used[j] = false;
            }
        }
        return best;
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        Set<Integer> cols = new HashSet<>();
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += cost[i][assignment[i]];
                assertEquals(true, cols.add(assignment[i]), "column " + assignment[i] + " used twice");
            }
        }
        return sum;
    }

    @Test
    void matchesBruteForceOnRandomSquareAndRectangularMatrices() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rng.nextInt(7);
            int cols = 1 + rng.nextInt(7);
            double[][] cost = new double[rows][cols];
            for (double[] row : cost) {
                for (int j = 0; j < cols; j++) {
                    // Small integers make ties (several optimal assignments) common.
                    row[j] = rng.nextInt(10) - 5;
                }
            }
            int[] a = Hungarian.minimumCostAssignment(cost);
            assertEquals(rows, a.length);
            long assigned = java.util.Arrays.stream(a).filter(x -> x >= 0).count();
            assertEquals(Math.min(rows, cols), assigned, "every row (or every column) is assigned");
            assertEquals(bruteForce(cost), total(cost, a), 1e-12, "trial " + trial);
        }
    }

    @Test
    void knownAssignment() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, Hungarian.minimumCostAssignment(cost));
    }

    @Test
    void matchedAccuracyLeavesSurplusClustersUnmatched() {
        // 3 classes, 4 clusters: cluster 3 takes 2 images of class 0 that cannot be matched too.
        int[] truth = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] pred = {0, 0, 3, 3, 1, 1, 1, 2, 2, 0};
        assertEquals(7.0 / 10, new MatchedAccuracy().score(Contingency.of(truth, pred)), 1e-15);
        // Purity lets clusters 0 and 3 both vote for class 0.
        assertEquals(9.0 / 10, new Purity().score(Contingency.of(truth, pred)), 1e-15);
    }

    @Test
    void rejectsNonFiniteCosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hungarian.minimumCostAssignment(new double[][] {{1, Double.NaN}}));
        assertEquals("cost[0][1] is not finite: NaN", e.getMessage());
    }
}
