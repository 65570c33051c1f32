package org.imageclustering.core.spectral;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.imageclustering.core.Seeds;

/**
 * Multiclass spectral clustering by discretisation (Yu and Shi 2003): the partition matrix nearest
 * to the row-normalised eigenvector embedding up to an orthogonal rotation, found by alternating
 * "round each rotated row to its largest coordinate" and "best rotation for that partition"
 * (an orthogonal Procrustes problem solved by an SVD of a {@code k x k} matrix).
 *
 * <p>Unlike k-means on the embedding it needs no restarts: the first rotation is built from rows as
 * mutually orthogonal as possible, starting at one seeded random row.
 *
 * <p>Reference: S. X. Yu and J. Shi, Multiclass spectral clustering, ICCV 2003.
 *
 * @param labels      cluster of every row
 * @param iterations  alternations performed
 * @param converged   whether the objective stopped changing before the budget ran out
 */
record Discretization(int[] labels, int iterations, boolean converged) {
    static final int MAX_ITERATIONS = 20;

    /** @param embedding {@code embedding[i]} is row i's coordinates (k of them) */
    static Discretization of(double[][] embedding, long seed) {
        int n = embedding.length;
        int k = embedding[0].length;
        // unit columns first (the random-walk embedding's columns are not), then unit rows
        double[] columnNorm = new double[k];
        for (double[] row : embedding) {
            for (int c = 0; c < k; c++) {
                columnNorm[c] += row[c] * row[c];
            }
        }
        double[][] v = new double[n][k];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < k; c++) {
                v[i][c] = columnNorm[c] > 0 ? embedding[i][c] / Math.sqrt(columnNorm[c]) : 0;
                norm += v[i][c] * v[i][c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < k; c++) {
                v[i][c] = norm > 0 ? v[i][c] / norm : 0;
            }
        }
        double[][] rotation = new double[k][k]; // rotation[c] = column c
        SplittableRandom rng = Seeds.rng(seed);
        rotation[0] = v[rng.nextInt(n)].clone();
        double[] c = new double[n];
        for (int j = 1; j < k; j++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                c[i] += Math.abs(dot(v[i], rotation[j - 1]));
                if (c[i] < c[best]) {
                    best = i;
                }
            }
            rotation[j] = v[best].clone();
        }
        int[] labels = new int[n];
        double last = Double.NaN;
        int iteration = 0;
        boolean converged = false;
        while (true) {
            iteration++;
            for (int i = 0; i < n; i++) {
                int arg = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int col = 0; col < k; col++) {
                    double p = dot(v[i], rotation[col]);
                    if (p > max) {
                        max = p;
                        arg = col;
                    }
                }
                labels[i] = arg;
            }
            double[][] m = new double[k][k]; // X^T V: row = cluster, column = eigenvector
            for (int i = 0; i < n; i++) {
                double[] row = m[labels[i]];
                for (int col = 0; col < k; col++) {
                    row[col] += v[i][col];
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
            double traceS = 0;
            for (double s : svd.getSingularValues()) {
                traceS += s;
            }
            double ncut = 2.0 * (n - traceS);
            if (Math.abs(ncut - last) < 1e-12 * Math.max(1, n)) {
                converged = true;
                break;
            }
            if (iteration >= MAX_ITERATIONS) {
                break;
            }
            last = ncut;
            // The rotation that best maps the partition onto the embedding: R = W U^T where X^T V = U S W^T.
            RealMatrix r = svd.getV().multiply(svd.getUT());
            for (int col = 0; col < k; col++) {
                rotation[col] = r.getColumn(col);
            }
        }
        return new Discretization(labels, iteration, converged);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
