package org.imageclustering.core.spectral;

import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Nystrom approximation of the normalised RBF affinity's leading eigenvectors from {@code m}
 * landmark rows: only the {@code n x m} kernel between all rows and the landmarks is formed.
 *
 * <p>Degrees are estimated from the landmarks ({@code d_i ~ (n/m) sum_l K(x_i, x_l)}, the sampled
 * row sum), the landmark block is normalised with those degrees and decomposed with the Lanczos
 * solver, and its eigenvectors are extended to every row by the Nystrom formula
 * {@code u_t(i) = (1/lambda_t) sum_l K~(i, l) a_t(l)} (Williams and Seeger 2001; normalisation as in
 * Fowlkes, Belongie, Chung and Malik 2004, with the degree estimate simplified to the sampled sum).
 *
 * @param embedding   {@code n x nev} extended eigenvectors, largest eigenvalue first
 * @param sqrtDegree  estimated {@code sqrt(d_i)} of every row
 * @param pairs       eigenpairs of the normalised landmark block, eigenvalues scaled by n/m
 * @param landmarks   the landmark rows
 */
record Nystrom(double[][] embedding, double[] sqrtDegree, EigenPairs pairs, int[] landmarks) {
    private static final int CHUNK = 256;

    static Nystrom fit(FloatMatrix x, int m, double gamma, int nev, SpectralOptions options, long seed,
                       Parallelism parallel) {
        int n = x.rows();
        if (m > n) {
            throw new IllegalArgumentException("landmarks = " + m + " exceeds the number of rows (" + n + ")");
        }
        int[] landmarks = Affinities.sampleRows(n, m, seed);
        FloatMatrix lm = x.selectRows(landmarks);
        float[] c = new float[Math.multiplyExact(n, m)];
        double[] degree = new double[n];
        double scale = (double) n / m;
        parallel.forEach(n, CHUNK, (s, e) -> {
            double[] block = new double[(e - s) * m];
            SquaredEuclidean.block(x, s, e, lm, block);
            for (int i = s; i < e; i++) {
                int o = (i - s) * m;
                double sum = 0;
                for (int l = 0; l < m; l++) {
                    float w = (float) Math.exp(-gamma * Math.max(0, block[o + l]));
                    c[i * m + l] = w;
                    sum += w;
                }
                degree[i] = scale * sum;
            }
        });
        double[] sqrtDegree = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtDegree[i] = Math.sqrt(degree[i] > 0 ? degree[i] : 1);
        }
        double[] a = new double[m * m];
        for (int p = 0; p < m; p++) {
            int ip = landmarks[p];
            for (int q = 0; q < m; q++) {
                a[p * m + q] = c[ip * m + q] / (sqrtDegree[ip] * sqrtDegree[landmarks[q]]);
            }
        }
        // symmetrise exactly: K(l_p, l_q) and K(l_q, l_p) may differ in the last bit
        for (int p = 0; p < m; p++) {
            for (int q = p + 1; q < m; q++) {
                double avg = 0.5 * (a[p * m + q] + a[q * m + p]);
                a[p * m + q] = avg;
                a[q * m + p] = avg;
            }
        }
        int ncv = options.krylovSize() > 0 ? options.krylovSize() : Math.max(3 * nev, nev + 30);
        EigenPairs small = new LanczosSolver(parallel).largest(new DenseSymmetric(m, a), nev, List.of(),
                ncv, options.eigenTolerance() / Math.sqrt(scale), options.eigenMaxIterations(), seed + 1);
        double[][] emb = new double[n][nev];
        double[][] av = small.vectors();
        double[] lambda = small.values();
        double[] lmSqrt = new double[m];
        for (int q = 0; q < m; q++) {
            lmSqrt[q] = sqrtDegree[landmarks[q]];
        }
        parallel.forEach(n, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                for (int t = 0; t < nev; t++) {
                    double sum = 0;
                    double[] at = av[t];
                    for (int q = 0; q < m; q++) {
                        sum += c[i * m + q] / lmSqrt[q] * at[q];
                    }
                    emb[i][t] = lambda[t] != 0 ? sum / (sqrtDegree[i] * lambda[t]) : 0;
                }
            }
        });
        double[] scaled = new double[nev];
        for (int t = 0; t < nev; t++) {
            scaled[t] = lambda[t] * scale;
        }
        EigenPairs pairs = new EigenPairs(scaled, small.vectors(), small.residuals(), small.iterations(),
                small.restarts(), small.converged());
        return new Nystrom(emb, sqrtDegree, pairs, landmarks);
    }
}
