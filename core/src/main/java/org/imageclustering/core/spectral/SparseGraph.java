package org.imageclustering.core.spectral;

import java.util.Arrays;
import java.util.Objects;

/**
 * A weighted undirected graph on rows {@code 0..n-1} in compressed sparse row form: the neighbours of
 * row {@code i} are {@code columns[rowStart[i] .. rowStart[i+1])} in increasing order, with weights
 * {@code weights[...]}. Both directions of every edge are stored, with the same weight.
 *
 * <p>Instances are immutable once built; the arrays are exposed for the operator's hot loop only.
 */
public final class SparseGraph {
    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] weights;

    SparseGraph(int n, int[] rowStart, int[] columns, double[] weights) {
        this.n = n;
        this.rowStart = Objects.requireNonNull(rowStart);
        this.columns = Objects.requireNonNull(columns);
        this.weights = Objects.requireNonNull(weights);
        if (rowStart.length != n + 1 || columns.length != weights.length || rowStart[n] != columns.length) {
            throw new IllegalArgumentException("inconsistent sparse graph arrays");
        }
    }

    /**
     * Builds the symmetric graph {@code (A + A^T) / 2} from directed edges {@code from[e] -> to[e]}
     * of weight {@code w[e]}; repeated directed edges add up, self-loops are kept.
     */
    static SparseGraph symmetrizedAverage(int n, int[] from, int[] to, double[] w) {
        int e = from.length;
        int[] src = new int[2 * e];
        int[] dst = new int[2 * e];
        double[] val = new double[2 * e];
        for (int i = 0; i < e; i++) {
            src[2 * i] = from[i];
            dst[2 * i] = to[i];
            val[2 * i] = 0.5 * w[i];
            src[2 * i + 1] = to[i];
            dst[2 * i + 1] = from[i];
            val[2 * i + 1] = 0.5 * w[i];
        }
        return fromTriplets(n, src, dst, val, false);
    }

    /**
     * Builds the union graph of directed edges whose weight is already symmetric in its two ends
     * (both directions of an edge found twice keep one weight, the larger).
     */
    static SparseGraph symmetrizedUnion(int n, int[] from, int[] to, double[] w) {
        int e = from.length;
        int[] src = new int[2 * e];
        int[] dst = new int[2 * e];
        double[] val = new double[2 * e];
        for (int i = 0; i < e; i++) {
            src[2 * i] = from[i];
            dst[2 * i] = to[i];
            src[2 * i + 1] = to[i];
            dst[2 * i + 1] = from[i];
            val[2 * i] = w[i];
            val[2 * i + 1] = w[i];
        }
        return fromTriplets(n, src, dst, val, true);
    }

    /**
     * Builds the graph from triplets that already hold both directions; entries with the same
     * {@code (row, column)} are summed (or their maximum kept), in the order given, so the result does
     * not depend on threads.
     */
    static SparseGraph fromTriplets(int n, int[] rows, int[] cols, double[] vals, boolean keepMax) {
        int[] counts = new int[n + 1];
        for (int r : rows) {
            counts[r + 1]++;
        }
        for (int i = 0; i < n; i++) {
            counts[i + 1] += counts[i];
        }
        int[] pos = Arrays.copyOf(counts, n);
        int[] c = new int[rows.length];
        double[] v = new double[rows.length];
        for (int e = 0; e < rows.length; e++) {
            int p = pos[rows[e]]++;
            c[p] = cols[e];
            v[p] = vals[e];
        }
        // Sort each row by column (stable insertion sort: rows are short) and merge duplicates.
        int[] start = new int[n + 1];
        int out = 0;
        for (int i = 0; i < n; i++) {
            int s = counts[i];
            int t = counts[i + 1];
            for (int a = s + 1; a < t; a++) {
                int ca = c[a];
                double va = v[a];
                int b = a - 1;
                while (b >= s && c[b] > ca) {
                    c[b + 1] = c[b];
                    v[b + 1] = v[b];
                    b--;
                }
                c[b + 1] = ca;
                v[b + 1] = va;
            }
            start[i] = out;
            for (int a = s; a < t; a++) {
                if (out > start[i] && c[out - 1] == c[a]) {
                    v[out - 1] = keepMax ? Math.max(v[out - 1], v[a]) : v[out - 1] + v[a];
                } else {
                    c[out] = c[a];
                    v[out] = v[a];
                    out++;
                }
            }
        }
        start[n] = out;
        return new SparseGraph(n, start, Arrays.copyOf(c, out), Arrays.copyOf(v, out));
    }

    /** Number of vertices (rows of the data). */
    public int size() {
        return n;
    }

    /** Number of stored entries (both directions of each edge, plus self-loops). */
    public long nonZeros() {
        return columns.length;
    }

    int[] rowStart() {
        return rowStart;
    }

    int[] columns() {
        return columns;
    }

    double[] weights() {
        return weights;
    }

    /** Weight of edge {@code (i, j)}, 0 when absent. */
    public double weight(int i, int j) {
        int idx = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
        return idx >= 0 ? weights[idx] : 0;
    }

    /** Weighted degree of every vertex: the row sums of the affinity matrix. */
    public double[] degrees() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                s += weights[p];
            }
            d[i] = s;
        }
        return d;
    }

    /**
     * Connected component of every vertex, numbered in order of each component's lowest vertex
     * (edges of weight 0 do not connect).
     */
    public int[] components() {
        return Components.label(n, (v, neighbour) -> {
            for (int p = rowStart[v]; p < rowStart[v + 1]; p++) {
                if (weights[p] != 0) {
                    neighbour.accept(columns[p]);
                }
            }
        });
    }

    /** Bytes held by the arrays, for the memory guard's bookkeeping. */
    public long memoryBytes() {
        return 4L * rowStart.length + 12L * columns.length;
    }
}
