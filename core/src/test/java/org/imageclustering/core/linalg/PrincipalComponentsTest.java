package org.imageclustering.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {
    private static final int N = 400;
    private static final int D = 12;

    private final FloatMatrix x = correlated(N, D, 1);

    /**
     * Gaussian rows around an offset whose standard deviation falls geometrically from 3 along the
     * axes of a random rotation (well separated variances, so the components are well defined).
     */
    static FloatMatrix correlated(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] g = new double[d][d];
        for (double[] row : g) {
            Arrays.setAll(row, j -> rng.nextGaussian());
        }
        RealMatrix rotation = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
        double[] sd = new double[d];
        Arrays.setAll(sd, t -> 3 * Math.pow(0.6, t));
        RealMatrix z = new Array2DRowRealMatrix(n, d);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                z.setEntry(i, t, 1 + sd[t] * rng.nextGaussian());
            }
        }
        double[][] rows = z.multiply(rotation.transpose()).getData();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return FloatMatrix.wrap(n, d, out);
    }

    /**
     * The oracle: Commons Math's singular value decomposition of the centred rows; the right singular
     * vectors are the components and {@code s^2 / (n - 1)} their variances, in descending order.
     */
    private static double[][] oracle(FloatMatrix x, double[] valuesOut) {
        double[][] rows = x.toDoubleArrays();
        RealMatrix centred = new Array2DRowRealMatrix(rows);
        for (int j = 0; j < x.cols(); j++) {
            double mean = Arrays.stream(centred.getColumn(j)).average().orElseThrow();
            for (int i = 0; i < x.rows(); i++) {
                centred.addToEntry(i, j, -mean);
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(centred);
        double[] s = svd.getSingularValues();
        for (int c = 0; c < s.length; c++) {
            valuesOut[c] = s[c] * s[c] / (x.rows() - 1);
        }
        return svd.getVT().getData();
    }

    private static void assertSameDirection(double[] expected, double[] actual, double tolerance) {
        double sign = Math.signum(PrincipalComponents.dot(expected, actual));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], sign * actual[j], tolerance, "component entry " + j);
        }
    }

    @Test
    void byCovarianceMatchesASingularValueDecompositionOfTheCentredRows() {
        double[] values = new double[D];
        double[][] vectors = oracle(x, values);
        PrincipalComponents pca = PrincipalComponents.byCovariance(x, 5, 0, Parallelism.sequential());
        double total = Arrays.stream(values).sum();
        assertEquals(5, pca.count());
        assertEquals(total, pca.totalVariance(), 1e-9 * total);
        double kept = 0;
        for (int c = 0; c < 5; c++) {
            assertSameDirection(vectors[c], pca.components()[c], 1e-6);
            assertEquals(values[c], pca.variances()[c], 1e-9 * values[0]);
            assertEquals(values[c] / total, pca.explainedVarianceRatio()[c], 1e-9);
            kept += values[c];
        }
        assertEquals(kept / total, pca.explainedRatio(), 1e-9);
    }

    @Test
    void varianceFractionKeepsTheFewestComponentsThatReachIt() {
        double[] values = new double[D];
        oracle(x, values);
        double total = Arrays.stream(values).sum();
        double target = (values[0] + values[1] + 0.5 * values[2]) / total;
        assertEquals(3, PrincipalComponents.byCovariance(x, 0, target, Parallelism.sequential()).count());
    }

    @Test
    void randomizedAgreesWithTheExactComponentsToFloatPrecision() {
        PrincipalComponents exact = PrincipalComponents.byCovariance(x, 4, 0, Parallelism.sequential());
        PrincipalComponents fast = PrincipalComponents.randomized(x, 4, 5, 2, 7, Parallelism.sequential());
        assertEquals(exact.totalVariance(), fast.totalVariance(), 0);
        for (int c = 0; c < 4; c++) {
            assertSameDirection(exact.components()[c], fast.components()[c], 1e-4);
            assertEquals(exact.variances()[c], fast.variances()[c], 1e-5 * exact.variances()[0]);
        }
    }

    @Test
    void componentsAreOrthonormalWithTheLargestEntryPositive() {
        for (PrincipalComponents pca : new PrincipalComponents[] {
                PrincipalComponents.byCovariance(x, 6, 0, Parallelism.sequential()),
                PrincipalComponents.randomized(x, 6, 4, 1, 3, Parallelism.sequential())}) {
            double[][] v = pca.components();
            for (int a = 0; a < v.length; a++) {
                for (int b = 0; b < v.length; b++) {
                    assertEquals(a == b ? 1 : 0, PrincipalComponents.dot(v[a], v[b]), 1e-12);
                }
                double largest = 0;
                for (double e : v[a]) {
                    largest = Math.abs(e) > Math.abs(largest) ? e : largest;
                }
                assertTrue(largest > 0, "largest-magnitude entry of component " + a + " is " + largest);
            }
        }
    }

    @Test
    void projectionIsCentredRowsTimesComponentsAndScale() {
        PrincipalComponents pca = PrincipalComponents.byCovariance(x, 3, 0, Parallelism.sequential());
        double[] scale = {1, 0.5, 2};
        FloatMatrix plain = pca.project(x, Parallelism.sequential());
        FloatMatrix scaled = pca.project(x, scale, Parallelism.sequential());
        for (int i = 0; i < 7; i++) {
            for (int c = 0; c < 3; c++) {
                double expected = 0;
                for (int j = 0; j < D; j++) {
                    expected += (x.get(i, j) - pca.mean()[j]) * pca.components()[c][j];
                }
                assertEquals(expected, plain.get(i, c), 1e-5);
                assertEquals(expected * scale[c], scaled.get(i, c), 1e-5);
            }
        }
    }

    @Test
    void reconstructInvertsProjectionWhenAllComponentsAreKept() {
        PrincipalComponents pca = PrincipalComponents.byCovariance(x, D, 0, Parallelism.sequential());
        double[] scale = new double[D];
        double[] inverse = new double[D];
        for (int c = 0; c < D; c++) {
            scale[c] = 1 / Math.sqrt(pca.variances()[c]);
            inverse[c] = Math.sqrt(pca.variances()[c]);
        }
        FloatMatrix plain = pca.reconstruct(pca.project(x, Parallelism.sequential()));
        FloatMatrix whitened = pca.reconstruct(pca.project(x, scale, Parallelism.sequential()), inverse);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(x.get(i, j), plain.get(i, j), 1e-4);
                assertEquals(x.get(i, j), whitened.get(i, j), 1e-4);
            }
        }
    }

    @Test
    void resultsAreIdenticalAtAnyThreadCount() {
        FloatMatrix big = correlated(5_000, 20, 3);
        try (Parallelism p = Parallelism.of(3)) {
            PrincipalComponents[] one = {PrincipalComponents.byCovariance(big, 4, 0, Parallelism.sequential()),
                    PrincipalComponents.randomized(big, 4, 5, 2, 9, Parallelism.sequential())};
            PrincipalComponents[] three = {PrincipalComponents.byCovariance(big, 4, 0, p),
                    PrincipalComponents.randomized(big, 4, 5, 2, 9, p)};
            for (int m = 0; m < 2; m++) {
                assertArrayEquals(one[m].mean(), three[m].mean());
                assertArrayEquals(one[m].variances(), three[m].variances());
                for (int c = 0; c < 4; c++) {
                    assertArrayEquals(one[m].components()[c], three[m].components()[c]);
                }
                assertArrayEquals(one[m].project(big, Parallelism.sequential()).data(), one[m].project(big, p).data());
            }
        }
    }

    @Test
    void columnMomentsMatchDirectStatistics() {
        ColumnMoments m = ColumnMoments.of(x, Parallelism.sequential());
        double[][] rows = x.toDoubleArrays();
        double total = 0;
        for (int j = 0; j < D; j++) {
            double[] column = new double[N];
            for (int i = 0; i < N; i++) {
                column[i] = rows[i][j];
            }
            assertEquals(Arrays.stream(column).average().orElseThrow(), m.mean()[j], 1e-12);
            assertEquals(new Variance(false).evaluate(column), m.populationVariances()[j], 1e-12);
            total += new Variance(true).evaluate(column);
        }
        assertEquals(total, m.totalVariance(), 1e-12);
    }

    @Test
    void badShapesAreRejectedWithTheNumbers() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> PrincipalComponents.byCovariance(x, D + 1, 0, Parallelism.sequential()));
        assertTrue(tooMany.getMessage().contains("components = 13"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PrincipalComponents.byCovariance(x, 0, 1.5, Parallelism.sequential()));
        assertThrows(IllegalArgumentException.class,
                () -> PrincipalComponents.randomized(x, 0, 5, 2, 1, Parallelism.sequential()));
        PrincipalComponents pca = PrincipalComponents.byCovariance(x, 2, 0, Parallelism.sequential());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> pca.project(correlated(5, D + 1, 2), Parallelism.sequential()));
        assertTrue(width.getMessage().contains("12 features, got 13"), width.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pca.reconstruct(FloatMatrix.zeros(3, 3)));
    }
}
