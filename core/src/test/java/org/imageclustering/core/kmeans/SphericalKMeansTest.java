package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * Spherical k-means ({@code spherical: true}): against an independent numpy implementation from
 * the same start ({@code src/test/resources/spherical/make_spherical_oracle.py}), the same bits at
 * any thread count and for every variant, normalised means at the end, and its refusals.
 */
class SphericalKMeansTest {
    private static final KMeansVariant[] EXACT = {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN};

    private static Path resource(String name) throws Exception {
        return Path.of(SphericalKMeansTest.class.getResource("/spherical/" + name).toURI());
    }

    private static KMeansOptions spherical(int k) {
        return KMeansOptions.defaults(k).withSpherical(true);
    }

    @Test
    void everyVariantMatchesTheNumpyOracleFromTheSameStartAtOneAndTwoThreads() throws Exception {
        FloatMatrix data = Npy.readMatrix(resource("spherical_data.npy"));
        FloatMatrix start = Npy.readMatrix(resource("spherical_start.npy"));
        int[] expectedLabels = Npy.readInts(resource("spherical_labels.npy"));
        FloatMatrix expectedCentroids = Npy.readMatrix(resource("spherical_centroids.npy"));
        String json = Files.readString(resource("spherical_result.json"));
        int iterations = (int) number(json, "iterations");
        double objective = number(json, "objective"); // sum of (1 - cos)
        KMeansOptions options = spherical(start.rows()).withTolerance(0, ToleranceMode.CENTER_SHIFT);
        for (KMeansVariant variant : EXACT) {
            for (int threads : new int[] {1, 2}) {
                String what = variant.yamlName() + " at " + threads + " threads";
                try (Parallelism p = Parallelism.of(threads)) {
                    Clustering c = new KMeans(options.withVariant(variant))
                            .fitFrom(data, start, new FitContext(1, p, FitListener.NONE));
                    assertArrayEquals(expectedLabels, c.labels(), what + " labels");
                    assertEquals(iterations, c.iterations(), what + " iterations");
                    assertEquals(StopReason.NO_REASSIGNMENT, c.stopReason(), what);
                    assertEquals(2 * objective, c.distortion(), 1e-6 * objective, what + " distortion = 2 sum (1 - cos)");
                    assertEquals(Boolean.TRUE, c.diagnostics().get("spherical"), what);
                    for (int i = 0; i < start.rows(); i++) {
                        for (int j = 0; j < start.cols(); j++) {
                            assertEquals(expectedCentroids.get(i, j), c.centroids().get(i, j), 1e-6,
                                    what + " centroid " + i + " feature " + j);
                        }
                    }
                }
            }
        }
        // The fixture tells the two apart: Euclidean k-means from the same start labels differently.
        Clustering euclidean = new KMeans(options.withSpherical(false)).fitFrom(data, start, FitContext.of(1));
        assertFalse(java.util.Arrays.equals(expectedLabels, euclidean.labels()));
    }

    @Test
    void resultsAreTheSameBitsForEveryVariantAndThreadCount() {
        // k-means++ with restarts, and empty-cluster relocations forced by k close to the distinct directions.
        for (FloatMatrix data : List.of(directions(1500, 8, 7, 11), directions(60, 3, 2, 12))) {
            int k = data.rows() == 60 ? 12 : 7;
            Clustering reference = null;
            for (KMeansVariant variant : EXACT) {
                for (int threads : new int[] {1, 2}) {
                    try (Parallelism p = Parallelism.of(threads)) {
                        Clustering c = new KMeans(spherical(k).withRestarts(3).withVariant(variant))
                                .fit(data, new FitContext(42, p, FitListener.NONE));
                        if (reference == null) {
                            reference = c;
                            continue;
                        }
                        String what = variant.yamlName() + " at " + threads + " threads, n = " + data.rows();
                        assertArrayEquals(reference.labels(), c.labels(), what);
                        assertEquals(reference.centroids(), c.centroids(), what);
                        assertEquals(Double.doubleToLongBits(reference.distortion()),
                                Double.doubleToLongBits(c.distortion()), what);
                        assertEquals(reference.iterations(), c.iterations(), what);
                        assertEquals(reference.diagnostics().get("empty_cluster_relocations"),
                                c.diagnostics().get("empty_cluster_relocations"), what);
                    }
                }
            }
        }
    }

    @Test
    void centroidsAreTheNormalisedMeansOfTheirLabelsAfterAToleranceStop() {
        FloatMatrix data = directions(800, 6, 5, 3);
        for (ToleranceMode mode : ToleranceMode.values()) {
            Clustering c = new KMeans(spherical(5).withTolerance(0.05, mode)).fit(data, FitContext.of(9));
            FloatMatrix unit = UnitRows.of(data, "the data", Parallelism.sequential());
            for (int cl = 0; cl < 5; cl++) {
                double[] sum = new double[data.cols()];
                for (int i = 0; i < data.rows(); i++) {
                    if (c.labels()[i] == cl) {
                        for (int j = 0; j < data.cols(); j++) {
                            sum[j] += unit.get(i, j);
                        }
                    }
                }
                double norm = Math.sqrt(java.util.Arrays.stream(sum).map(v -> v * v).sum());
                for (int j = 0; j < data.cols(); j++) {
                    assertEquals(sum[j] / norm, c.centroids().get(cl, j), 1e-6, mode + " centroid " + cl);
                }
            }
        }
    }

    @Test
    void rescalingRowsChangesNothing() {
        // Powers of two scale a float exactly, so the unit rows, the k-means++ start and every
        // iteration are the same bits: spherical k-means sees directions only.
        FloatMatrix data = directions(500, 5, 4, 21);
        float[] scaled = data.data().clone();
        for (int i = 0; i < data.rows(); i++) {
            float f = (float) Math.scalb(1.0, i % 7 - 3);
            for (int j = 0; j < data.cols(); j++) {
                scaled[i * data.cols() + j] *= f;
            }
        }
        KMeans kmeans = new KMeans(spherical(4).withRestarts(2));
        Clustering a = kmeans.fit(data, FitContext.of(5));
        Clustering b = kmeans.fit(FloatMatrix.wrap(data.rows(), data.cols(), scaled), FitContext.of(5));
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.centroids(), b.centroids());
        assertEquals(a.distortion(), b.distortion());
    }

    @Test
    void aRowOfZerosIsRefusedNamingIt() {
        float[][] rows = new float[10][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i + 1, 2 - i, 0.5f};
        }
        rows[7] = new float[3];
        FloatMatrix data = FloatMatrix.of(rows);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(spherical(2)).fit(data, FitContext.of(1)));
        assertEquals("the data has a row of zeros at row 7: spherical k-means clusters by direction and a zero"
                + " row has none; drop the row or turn spherical off", e.getMessage());
        // Euclidean k-means has no such constraint.
        new KMeans(KMeansOptions.defaults(2)).fit(data, FitContext.of(1));

        rows[7] = new float[] {1, 1, 1};
        FloatMatrix ok = FloatMatrix.of(rows);
        FloatMatrix start = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 0, 0}});
        e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(spherical(2)).fitFrom(ok, start, FitContext.of(1)));
        assertTrue(e.getMessage().startsWith("the starting centroids has a row of zeros at row 1:"), e.getMessage());
    }

    @Test
    void aNonFiniteValueIsNamedNotTakenForAZeroRow() {
        FloatMatrix data = FloatMatrix.of(new float[][] {{1, 2}, {3, Float.POSITIVE_INFINITY}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(spherical(2)).fit(data, FitContext.of(1)));
        assertEquals("the data has a non-finite value Infinity at row 1, column 1", e.getMessage());
    }

    @Test
    void theSphericalKeyIsReadAndValidated() {
        assertFalse(KMeansFactory.options(3, params()).spherical());
        assertTrue(KMeansFactory.options(3, params("spherical", true)).spherical());
        assertEquals(spherical(3), KMeansFactory.options(3, params("spherical", true)));

        OptionException e = assertThrows(OptionException.class,
                () -> KMeansFactory.options(3, params("spherical", "yes")));
        assertEquals("algorithms[0].spherical: expected true or false, found 'yes'", e.getMessage());
        e = assertThrows(OptionException.class, () -> KMeansFactory.options(3, params("metric", "cosine")));
        assertEquals("algorithms[0].metric: k-means has no 'metric' key; for cosine similarity set"
                + " 'spherical: true' (Euclidean k-means is the default)", e.getMessage());
        e = assertThrows(OptionException.class, () -> MiniBatchKMeansFactory.options(3, params("spherical", true)));
        assertEquals("algorithms[0].spherical: minibatch-kmeans has no spherical (cosine) mode;"
                + " use algorithm 'kmeans' with 'spherical: true'", e.getMessage());
    }

    /** {@code n} rows in {@code d} features around {@code groups} random directions, lengths 0.1 to 10. */
    private static FloatMatrix directions(int n, int d, int groups, long seed) {
        Random random = new Random(seed);
        double[][] axes = new double[groups][d];
        for (double[] axis : axes) {
            for (int j = 0; j < d; j++) {
                axis[j] = random.nextGaussian();
            }
        }
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] axis = axes[random.nextInt(groups)];
            double length = 0.1 + 9.9 * random.nextDouble();
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
                row[j] = (float) (length * (axis[j] + 0.5 * random.nextGaussian()));
            }
            rows.add(row);
        }
        return FloatMatrix.of(rows.toArray(new float[0][]));
    }

    private static Parameters params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Parameters.of("algorithms[0]", m);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        assertTrue(m.find(), "no " + key + " in the fixture");
        return Double.parseDouble(m.group(1));
    }
}
