package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class LanczosSolverTest {
    /** A connected random geometric graph: the 6-NN graph of 300 noisy moon points. */
    private static NormalizedAffinity smallGraph() {
        var moons = Fixtures.moons(300, 0.1, 4);
        var knn = NearestNeighbors.of(moons.points(), 6, Parallelism.sequential());
        return NormalizedAffinity.of(Affinities.knnGraph(knn, KnnWeights.SELF_TUNING, 4));
    }

    @Test
    void largestEigenpairsMatchDenseDecomposition() {
        NormalizedAffinity op = smallGraph();
        int n = op.size();
        double[][] m = op.toDense();
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
        double[] all = eig.getRealEigenvalues().clone();
        Arrays.sort(all);
        EigenPairs pairs = new LanczosSolver(Parallelism.sequential()).largest(op, 6, List.of(), 30, 1e-11, 20_000, 5);
        assertTrue(pairs.converged());
        for (int t = 0; t < 6; t++) {
            assertEquals(all[n - 1 - t], pairs.values()[t], 1e-10, "eigenvalue " + t);
            assertTrue(pairs.residuals()[t] < 1e-8, "residual " + t + " = " + pairs.residuals()[t]);
            // compare with the dense eigenvector up to sign (the eigenvalues are simple here)
            double[] v = pairs.vectors()[t];
            double[] w = denseVector(eig, all[n - 1 - t]);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += v[i] * w[i];
            }
            assertEquals(1.0, Math.abs(dot), 1e-8, "eigenvector " + t);
        }
        assertTrue(pairs.restarts() > 0, "a 30-vector basis on 300 rows needs restarts");
    }

    @Test
    void lockedVectorsAreDeflated() {
        NormalizedAffinity op = smallGraph();
        int n = op.size();
        double[] top = op.sqrtDegree().clone();
        double norm = 0;
        for (double v : top) {
            norm += v * v;
        }
        for (int i = 0; i < n; i++) {
            top[i] /= Math.sqrt(norm);
        }
        EigenPairs all = new LanczosSolver(Parallelism.sequential()).largest(op, 4, List.of(), 30, 1e-11, 20_000, 5);
        EigenPairs rest = new LanczosSolver(Parallelism.sequential()).largest(op, 3, List.of(top), 30, 1e-11, 20_000, 5);
        assertEquals(1.0, all.values()[0], 1e-12);
        for (int t = 0; t < 3; t++) {
            assertEquals(all.values()[t + 1], rest.values()[t], 1e-10);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += rest.vectors()[t][i] * top[i];
            }
            assertEquals(0.0, dot, 1e-10);
        }
    }

    @Test
    void sameVectorsAtAnyThreadCount() {
        NormalizedAffinity op = smallGraph();
        EigenPairs one = new LanczosSolver(Parallelism.sequential()).largest(op, 4, List.of(), 20, 1e-10, 20_000, 9);
        EigenPairs two;
        try (Parallelism p = Parallelism.of(2)) {
            two = new LanczosSolver(p).largest(op, 4, List.of(), 20, 1e-10, 20_000, 9);
        }
        for (int t = 0; t < 4; t++) {
            assertTrue(Arrays.equals(one.vectors()[t], two.vectors()[t]), "vector " + t);
        }
    }

    @Test
    void randomSymmetricMatrixAgainstDense() {
        int n = 120;
        SplittableRandom rng = new SplittableRandom(3);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = rng.nextGaussian();
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOfRange(a, i * n, (i + 1) * n);
        }
        double[] all = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues().clone();
        Arrays.sort(all);
        EigenPairs pairs = new LanczosSolver(Parallelism.sequential()).largest(new DenseSymmetric(n, a), 5, List.of(),
                25, 1e-10, 20_000, 1);
        for (int t = 0; t < 5; t++) {
            assertEquals(all[n - 1 - t], pairs.values()[t], 1e-9);
            assertTrue(pairs.residuals()[t] < 1e-8, "residual " + pairs.residuals()[t]);
        }
    }

    private static double[] denseVector(EigenDecomposition eig, double value) {
        double[] values = eig.getRealEigenvalues();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - value) < Math.abs(values[best] - value)) {
                best = i;
            }
        }
        return eig.getEigenvector(best).toArray();
    }
}
