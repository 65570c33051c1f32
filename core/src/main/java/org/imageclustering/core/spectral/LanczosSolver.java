package org.imageclustering.core.spectral;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;

/**
 * Thick-restart Lanczos with full reorthogonalisation (Wu and Simon 2000) for the largest
 * eigenpairs of a symmetric operator, optionally in the orthogonal complement of known ("locked")
 * eigenvectors.
 *
 * <p>Why this method: the operator here is {@code D^-1/2 W D^-1/2} of a sparse graph, whose wanted
 * eigenvalues cluster just below 1, so a Krylov method that keeps its best Ritz vectors across
 * restarts converges in a few hundred cheap matrix-vector products without the sparse factorisation
 * that shift-invert ARPACK (scikit-learn's choice) needs. Thick restart is mathematically equivalent
 * to implicitly restarted Lanczos (ARPACK) but simpler to get right; full reorthogonalisation against
 * a basis of a few dozen vectors costs less than the products and removes ghost eigenvalues.
 * Repeated eigenvalues (one per connected component at 1) defeat any single-vector Krylov method,
 * so the caller locks the exactly known component vectors and asks only for the rest.
 *
 * <p>Every reduction (dot products, norms) runs over fixed row chunks summed in chunk order, so the
 * eigenvectors are bit-identical at any thread count.
 *
 * <p>Reference: K. Wu and H. Simon, Thick-restart Lanczos method for large symmetric eigenvalue
 * problems, SIAM J. Matrix Anal. Appl. 22 (2000).
 */
final class LanczosSolver {
    private static final int CHUNK = 4096;

    private final Parallelism parallel;

    LanczosSolver(Parallelism parallel) {
        this.parallel = parallel;
    }

    /**
     * The {@code nev} largest eigenpairs of {@code op} restricted to the complement of
     * {@code locked} (orthonormal vectors that {@code op} maps onto themselves).
     *
     * @param basisSize   Lanczos basis size {@code ncv}, {@code > nev}; capped at the free dimension
     * @param tolerance   a pair is accepted when its residual norm is at most this
     * @param maxSteps    budget of matrix-vector products
     */
    EigenPairs largest(SymmetricOperator op, int nev, List<double[]> locked, int basisSize, double tolerance,
                       int maxSteps, long seed) {
        int n = op.size();
        int free = n - locked.size();
        if (nev > free) {
            throw new IllegalArgumentException("asked for " + nev + " eigenpairs of an operator with only " + free
                    + " free dimensions");
        }
        int m = Math.min(basisSize, free);
        if (m <= nev && m < free) {
            throw new IllegalArgumentException("the Lanczos basis (" + m + ") must exceed the eigenpairs wanted (" + nev + ")");
        }
        double[][] v = new double[m][];
        double[][] t = new double[m][m];
        double[] w = new double[n];
        SplittableRandom rng = Seeds.rng(seed);
        v[0] = randomUnit(n, locked, v, 0, rng);
        int j0 = 0;
        int steps = 0;
        int restarts = 0;
        double[] theta = null;
        double[][] y = null;
        double beta = 0;
        boolean converged = false;
        while (true) {
            for (int j = j0; j < m; j++) {
                op.apply(v[j], w, parallel);
                steps++;
                double[] h = orthogonalize(w, locked, v, j + 1);
                for (int i = 0; i <= j; i++) {
                    t[i][j] = h[i];
                    t[j][i] = h[i];
                }
                beta = norm(w);
                if (j + 1 < m) {
                    if (beta > 1e-12 * Math.max(1, Math.abs(h[j]))) {
                        v[j + 1] = scaled(w, 1 / beta);
                        t[j + 1][j] = beta;
                        t[j][j + 1] = beta;
                    } else {
                        // an invariant subspace: carry on in a fresh direction, decoupled from it
                        v[j + 1] = randomUnit(n, locked, v, j + 1, rng);
                        t[j + 1][j] = 0;
                        t[j][j + 1] = 0;
                    }
                }
            }
            // Rayleigh-Ritz on the projected matrix
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(t, false));
            double[] values = eig.getRealEigenvalues();
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
            theta = new double[m];
            y = new double[m][m]; // y[i] = coefficients of Ritz vector i
            for (int i = 0; i < m; i++) {
                theta[i] = values[order[i]];
                y[i] = eig.getEigenvector(order[i]).toArray();
            }
            int done = 0;
            while (done < nev && beta * Math.abs(y[done][m - 1]) <= tolerance) {
                done++;
            }
            if (done == nev || m == free) {
                converged = true;
                break;
            }
            if (steps >= maxSteps) {
                break;
            }
            // thick restart: keep the best Ritz vectors, plus the residual direction
            int keep = Math.min(m - 2, nev + (m - nev) / 2);
            double[][] kept = combine(v, y, keep, m, n);
            double[] residual = scaled(w, 1 / beta);
            for (double[] row : t) {
                Arrays.fill(row, 0);
            }
            for (int i = 0; i < keep; i++) {
                v[i] = kept[i];
                t[i][i] = theta[i];
            }
            for (int i = keep; i < m; i++) {
                v[i] = null;
            }
            orthogonalize(residual, locked, v, keep);
            double rn = norm(residual);
            v[keep] = rn > 1e-12 ? scaled(residual, 1 / rn) : randomUnit(n, locked, v, keep, rng);
            j0 = keep;
            restarts++;
        }
        double[][] vectors = combine(v, y, nev, m, n);
        double[] values = Arrays.copyOf(theta, nev);
        double[] residuals = new double[nev];
        double[] mv = new double[n];
        for (int i = 0; i < nev; i++) {
            op.apply(vectors[i], mv, parallel);
            double[] r = new double[n];
            for (int p = 0; p < n; p++) {
                r[p] = mv[p] - values[i] * vectors[i][p];
            }
            residuals[i] = norm(r);
        }
        return new EigenPairs(values, vectors, residuals, steps, restarts, converged);
    }

    /** Ritz vectors {@code sum_l v[l] * y[i][l]} for {@code i < count}, computed row by row. */
    private double[][] combine(double[][] v, double[][] y, int count, int m, int n) {
        double[][] out = new double[count][n];
        parallel.forEach(n, CHUNK, (s, e) -> {
            for (int i = 0; i < count; i++) {
                double[] o = out[i];
                double[] yi = y[i];
                for (int l = 0; l < m; l++) {
                    double c = yi[l];
                    double[] vl = v[l];
                    for (int p = s; p < e; p++) {
                        o[p] += c * vl[p];
                    }
                }
            }
        });
        return out;
    }

    /**
     * Removes from {@code w} its components along {@code locked} and {@code v[0..count)} with two
     * passes of classical Gram-Schmidt (Kahan's "twice is enough"); returns the total coefficients
     * along {@code v}.
     */
    private double[] orthogonalize(double[] w, List<double[]> locked, double[][] v, int count) {
        double[] total = new double[count];
        for (int pass = 0; pass < 2; pass++) {
            if (!locked.isEmpty()) {
                double[][] q = locked.toArray(new double[0][]);
                subtract(w, q, dots(q, q.length, w));
            }
            double[] h = dots(v, count, w);
            subtract(w, v, h);
            for (int i = 0; i < count; i++) {
                total[i] += h[i];
            }
        }
        return total;
    }

    private double[] dots(double[][] basis, int count, double[] w) {
        int n = w.length;
        return parallel.mapReduce(n, CHUNK, (s, e) -> {
            double[] part = new double[count];
            for (int i = 0; i < count; i++) {
                double[] b = basis[i];
                double sum = 0;
                for (int p = s; p < e; p++) {
                    sum += b[p] * w[p];
                }
                part[i] = sum;
            }
            return part;
        }, new double[count], (a, b) -> {
            double[] c = new double[count];
            for (int i = 0; i < count; i++) {
                c[i] = a[i] + b[i];
            }
            return c;
        });
    }

    private void subtract(double[] w, double[][] basis, double[] h) {
        int count = h.length;
        parallel.forEach(w.length, CHUNK, (s, e) -> {
            for (int i = 0; i < count; i++) {
                double c = h[i];
                double[] b = basis[i];
                for (int p = s; p < e; p++) {
                    w[p] -= c * b[p];
                }
            }
        });
    }

    private double norm(double[] w) {
        double sq = parallel.mapReduce(w.length, CHUNK, (s, e) -> {
            double sum = 0;
            for (int p = s; p < e; p++) {
                sum += w[p] * w[p];
            }
            return sum;
        }, 0.0, Double::sum);
        return Math.sqrt(sq);
    }

    private static double[] scaled(double[] w, double c) {
        double[] out = new double[w.length];
        for (int p = 0; p < w.length; p++) {
            out[p] = w[p] * c;
        }
        return out;
    }

    private double[] randomUnit(int n, List<double[]> locked, double[][] v, int count, SplittableRandom rng) {
        for (int attempt = 0; attempt < 5; attempt++) {
            double[] x = new double[n];
            for (int p = 0; p < n; p++) {
                x[p] = rng.nextDouble() - 0.5;
            }
            orthogonalize(x, locked, v, count);
            double nx = norm(x);
            if (nx > 1e-8) {
                return scaled(x, 1 / nx);
            }
        }
        throw new IllegalStateException("could not find a direction orthogonal to the Krylov basis");
    }
}
