package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.junit.jupiter.api.Test;

class PcaTransformTest {
    private static final int N = 400;
    private static final int D = 12;

    private final Dataset train = TestData.dataset("train", TestData.correlated(N, D, 1), null);

    /** The oracle: Commons Math's covariance and eigen-decomposition, eigenvalues sorted descending. */
    private static double[][] oracle(FloatMatrix x, double[] valuesOut) {
        double[][] cov = new Covariance(x.toDoubleArrays()).getCovarianceMatrix().getData();
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] vectors = new double[values.length][];
        for (int i = 0; i < order.length; i++) {
            valuesOut[i] = values[order[i]];
            vectors[i] = eig.getEigenvector(order[i]).toArray();
        }
        return vectors;
    }

    private static void assertSameDirection(double[] expected, double[] actual, double tolerance) {
        double dot = 0;
        for (int j = 0; j < expected.length; j++) {
            dot += expected[j] * actual[j];
        }
        double sign = Math.signum(dot);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], sign * actual[j], tolerance, "component entry " + j);
        }
    }

    @Test
    void covarianceMethodMatchesADirectEigenDecomposition() {
        double[] values = new double[D];
        double[][] vectors = oracle(train.features(), values);
        PcaModel m = new PcaTransform(PcaOptions.components(5).withMethod(PcaMethod.COVARIANCE))
                .fit(train, TestData.context(1));
        assertEquals(PcaMethod.COVARIANCE, m.method());
        double total = Arrays.stream(values).sum();
        for (int c = 0; c < 5; c++) {
            assertSameDirection(vectors[c], m.component(c), 1e-6);
            assertEquals(values[c], m.variances()[c], 1e-9 * values[0]);
            assertEquals(values[c] / total, m.explainedVarianceRatio()[c], 1e-9);
        }
    }

    @Test
    void randomizedMethodMatchesADirectEigenDecomposition() {
        double[] values = new double[D];
        double[][] vectors = oracle(train.features(), values);
        PcaModel m = new PcaTransform(PcaOptions.components(4).withMethod(PcaMethod.RANDOMIZED))
                .fit(train, TestData.context(1));
        assertEquals(PcaMethod.RANDOMIZED, m.method());
        for (int c = 0; c < 4; c++) {
            // float passes over the data: agreement to float precision, not double
            assertSameDirection(vectors[c], m.component(c), 1e-4);
            assertEquals(values[c], m.variances()[c], 1e-5 * values[0]);
        }
    }

    @Test
    void projectionIsCentredDataTimesComponents() {
        PcaModel m = new PcaTransform(PcaOptions.components(3)).fit(train, TestData.context(1));
        FloatMatrix y = m.apply(train).features();
        double[] mean = m.mean();
        for (int i = 0; i < 5; i++) {
            for (int c = 0; c < 3; c++) {
                double expected = 0;
                double[] comp = m.component(c);
                for (int j = 0; j < D; j++) {
                    expected += (train.features().get(i, j) - mean[j]) * comp[j];
                }
                assertEquals(expected, y.get(i, c), 1e-5);
            }
        }
    }

    @Test
    void whiteningGivesIdentityCovarianceOnTrain() {
        PcaModel m = new PcaTransform(PcaOptions.components(6).withWhitening(true, 0)).fit(train, TestData.context(1));
        double[][] cov = TestData.covariance(m.apply(train).features());
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                assertEquals(a == b ? 1 : 0, cov[a][b], 1e-3, "covariance[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void inverseRestoresRowsWhenAllComponentsAreKeptEvenWhitened() {
        for (boolean whiten : new boolean[] {false, true}) {
            PcaModel m = new PcaTransform(PcaOptions.components(D).withMethod(PcaMethod.COVARIANCE)
                    .withWhitening(whiten, 0)).fit(train, TestData.context(1));
            FloatMatrix back = m.inverse(m.apply(train).features()).orElseThrow();
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < D; j++) {
                    assertEquals(train.features().get(i, j), back.get(i, j), 1e-4, "whiten=" + whiten);
                }
            }
        }
    }

    @Test
    void varianceFractionKeepsTheFewestComponentsThatReachIt() {
        double[] values = new double[D];
        oracle(train.features(), values);
        double total = Arrays.stream(values).sum();
        double target = (values[0] + values[1] + 0.5 * values[2]) / total;
        PcaModel m = new PcaTransform(PcaOptions.variance(target)).fit(train, TestData.context(1));
        assertEquals(3, m.components());
        assertEquals(PcaMethod.COVARIANCE, m.method());
    }

    @Test
    void autoPicksRandomizedForFewComponentsOfWideDataAndCovarianceOtherwise() {
        assertEquals(PcaMethod.RANDOMIZED, new PcaTransform(PcaOptions.components(100)).chooseMethod(60_000, 3_072));
        assertEquals(PcaMethod.RANDOMIZED, new PcaTransform(PcaOptions.components(50)).chooseMethod(60_000, 784));
        assertEquals(PcaMethod.COVARIANCE, new PcaTransform(PcaOptions.components(15)).chooseMethod(500, 20));
    }

    @Test
    void resultsAreIdenticalAtAnyThreadCount() {
        Dataset big = TestData.dataset("big", TestData.correlated(5_000, 20, 3), null);
        for (PcaMethod method : new PcaMethod[] {PcaMethod.COVARIANCE, PcaMethod.RANDOMIZED}) {
            PcaOptions o = PcaOptions.components(4).withMethod(method);
            PcaModel one = new PcaTransform(o).fit(big, TestData.context(9));
            try (Parallelism p = Parallelism.of(3)) {
                PcaModel three = new PcaTransform(o).fit(big, new FitContext(9, p, FitListener.NONE));
                for (int c = 0; c < 4; c++) {
                    assertArrayEquals(one.component(c), three.component(c), method.yamlName());
                }
                assertArrayEquals(one.apply(big).features().data(), three.apply(big, p).features().data());
            }
        }
    }

    @Test
    void outputLeavesPixelSpaceAndKeepsLabels() {
        ImageShape shape = new ImageShape(1, 3, 4);
        Dataset images = TestData.labelled("img", TestData.correlated(30, 12, 4), new int[30], shape);
        Dataset out = new PcaTransform(PcaOptions.components(2)).fit(images, TestData.context(1)).apply(images);
        assertNull(out.shape());
        assertEquals(2, out.features().cols());
        assertEquals(images.labels(), out.labels());
    }

    @Test
    void summaryRecordsWhatWasLearned() {
        Map<String, Object> s = new PcaTransform(PcaOptions.components(3)).fit(train, TestData.context(1)).summary();
        assertEquals(3, s.get("components"));
        assertEquals(D, s.get("input_features"));
        double ratio = (Double) s.get("explained_variance_ratio_total");
        assertTrue(ratio > 0.5 && ratio <= 1, "explained variance ratio " + ratio);
    }

    @Test
    void badParametersFailNamingTheKey() {
        OptionException missing = assertThrows(OptionException.class,
                () -> PcaOptions.from(Parameters.of("transforms[0]", Map.of())));
        assertEquals("transforms[0].components", missing.keyPath());
        OptionException variance = assertThrows(OptionException.class,
                () -> PcaOptions.from(Parameters.of("transforms[0]", Map.of("variance", 1.5))));
        assertEquals("transforms[0].variance", variance.keyPath());
        OptionException method = assertThrows(OptionException.class,
                () -> PcaOptions.from(Parameters.of("transforms[0]", Map.of("components", 5, "method", "svd"))));
        assertEquals("transforms[0].method", method.keyPath());
        OptionException typo = assertThrows(OptionException.class,
                () -> PcaOptions.from(Parameters.of("transforms[0]", Map.of("components", 5, "whitten", true))));
        assertEquals("transforms[0].whitten", typo.keyPath());
        assertTrue(typo.getMessage().contains("whiten"), typo.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PcaTransform(PcaOptions.components(13)).fit(train, TestData.context(1)));
    }
}
