package org.imageclustering.reporting.metrics;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to distinct columns (the Hungarian method of Kuhn 1955 and
 * Munkres 1957), in the O(n^2 m) shortest-augmenting-path form with vertex potentials
 * (Jonker and Volgenant 1987; Edmonds and Karp 1972). Works on rectangular matrices: with more
 * columns than rows every row is assigned; with more rows than columns, every column is.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * For each row, the column it is assigned to, or {@code -1} when there were more rows than
     * columns and the row was left out. The sum of the assigned costs is minimal.
     */
    public static int[] minimumCostAssignment(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        for (int i = 0; i < rows; i++) {
            if (cost[i].length != cols) {
                throw new IllegalArgumentException("cost row " + i + " has " + cost[i].length + " entries, row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] is not finite: " + cost[i][j]);
                }
            }
        }
        if (rows == 0 || cols == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        if (rows > cols) {
            double[][] transposed = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    transposed[j][i] = cost[i][j];
                }
            }
            int[] colToRow = solve(transposed);
            int[] out = new int[rows];
            Arrays.fill(out, -1);
            for (int j = 0; j < cols; j++) {
                out[colToRow[j]] = j;
            }
            return out;
        }
        return solve(cost);
    }

    /** Rows <= columns: every row gets a distinct column. Indices 1-based inside, 0 is a sentinel. */
    private static int[] solve(double[][] a) {
        int n = a.length;
        int m = a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j]: row matched to column j
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
