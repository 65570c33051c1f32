package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DiscretizationTest {
    @Test
    void recoversAPartitionHiddenByARotation() {
        // rows are noisy one-hot indicators of 4 groups, rotated by a random orthogonal matrix
        int n = 400;
        int k = 4;
        SplittableRandom rng = new SplittableRandom(5);
        double[][] q = randomOrthogonal(k, rng);
        int[] truth = new int[n];
        double[][] emb = new double[n][k];
        for (int i = 0; i < n; i++) {
            truth[i] = i % k;
            double[] row = new double[k];
            row[truth[i]] = 1;
            for (int c = 0; c < k; c++) {
                row[c] += 0.1 * rng.nextGaussian();
            }
            for (int c = 0; c < k; c++) {
                for (int l = 0; l < k; l++) {
                    emb[i][c] += row[l] * q[l][c];
                }
            }
        }
        Discretization d = Discretization.of(emb, 3);
        assertEquals(1.0, Fixtures.adjustedRand(truth, d.labels()), 1e-12);
        assertTrue(d.converged());
    }

    private static double[][] randomOrthogonal(int k, SplittableRandom rng) {
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = rng.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < k; j++) {
                    dot += m[i][j] * m[p][j];
                }
                for (int j = 0; j < k; j++) {
                    m[i][j] -= dot * m[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < k; j++) {
                norm += m[i][j] * m[i][j];
            }
            for (int j = 0; j < k; j++) {
                m[i][j] /= Math.sqrt(norm);
            }
        }
        return m;
    }
}
