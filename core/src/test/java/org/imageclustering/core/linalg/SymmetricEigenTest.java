package org.imageclustering.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    private static double[][] randomSymmetric(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = rng.nextGaussian();
            }
        }
        return a;
    }

    private static void assertDecomposes(double[][] a, SymmetricEigen.Result r, double tol) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            double[] v = r.vectors()[c];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(r.values()[c] * v[i], av, tol, "A v = lambda v, pair " + c + " entry " + i);
            }
            for (int c2 = 0; c2 < n; c2++) {
                assertEquals(c == c2 ? 1 : 0, PrincipalComponents.dot(v, r.vectors()[c2]), 1e-10);
            }
        }
        for (int c = 1; c < n; c++) {
            assertEquals(true, r.values()[c - 1] >= r.values()[c], "eigenvalues sorted descending");
        }
    }

    @Test
    void eigenvaluesMatchCommonsMathOnARandomSymmetricMatrix() {
        double[][] a = randomSymmetric(30, 1);
        SymmetricEigen.Result r = SymmetricEigen.decompose(a);
        double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(a)).getRealEigenvalues();
        Arrays.sort(expected);
        for (int i = 0; i < 30; i++) {
            assertEquals(expected[29 - i], r.values()[i], 1e-10);
        }
        assertDecomposes(a, r, 1e-10);
    }

    @Test
    void everyEigenvectorHasItsLargestMagnitudeEntryPositive() {
        SymmetricEigen.Result r = SymmetricEigen.decompose(randomSymmetric(25, 3));
        for (double[] v : r.vectors()) {
            double largest = 0;
            for (double e : v) {
                if (Math.abs(e) > Math.abs(largest)) {
                    largest = e;
                }
            }
            assertEquals(true, largest > 0, "largest-magnitude entry " + largest);
        }
    }

    @Test
    void rankDeficientCovarianceDecomposesWithZeroEigenvalues() {
        // 5 rows in 40 dimensions: rank 4 after centring, 36 zero eigenvalues
        int n = 5;
        int d = 40;
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        double[][] cov = new Covariance(FloatMatrix.wrap(n, d, x).toDoubleArrays()).getCovarianceMatrix().getData();
        SymmetricEigen.Result r = SymmetricEigen.decompose(cov);
        assertDecomposes(cov, r, 1e-10);
        for (int i = 4; i < d; i++) {
            assertEquals(0, r.values()[i], 1e-12);
        }
    }

    @Test
    void diagonalAndOneByOneMatricesAreTheirOwnDecomposition() {
        SymmetricEigen.Result one = SymmetricEigen.decompose(new double[][] {{3}});
        assertEquals(3, one.values()[0]);
        SymmetricEigen.Result diag = SymmetricEigen.decompose(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 2}});
        assertEquals(5, diag.values()[0], 1e-15);
        assertEquals(2, diag.values()[1], 1e-15);
        assertEquals(1, diag.values()[2], 1e-15);
        assertEquals(1, Math.abs(diag.vectors()[0][1]), 1e-15);
    }
}
