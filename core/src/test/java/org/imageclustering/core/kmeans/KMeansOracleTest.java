package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * Our k-means against scikit-learn 1.2.1 on a committed fixture made by
 * {@code src/test/resources/oracle/make_kmeans_fixture.py}: same data, same initial centroids,
 * scikit-learn's default tolerance; the result must have the same labels, iterations and inertia.
 */
class KMeansOracleTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KMeansOracleTest.class.getResource("/oracle/" + name).toURI());
    }

    @Test
    void everyVariantMatchesScikitLearnFromTheSameStart() throws Exception {
        FloatMatrix data = CentroidFiles.read(resource("kmeans_data.csv"));
        FloatMatrix init = CentroidFiles.read(resource("kmeans_init.csv"));
        int[] expectedLabels = Files.readAllLines(resource("kmeans_sklearn_labels.csv")).stream()
                .filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).toArray();
        FloatMatrix expectedCentroids = CentroidFiles.read(resource("kmeans_sklearn_centroids.csv"));
        String json = Files.readString(resource("kmeans_sklearn_result.json"));
        double inertia = number(json, "inertia");
        int iterations = (int) number(json, "n_iter");
        for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            try (Parallelism p = Parallelism.of(2)) {
                KMeansOptions options = KMeansOptions.defaults(init.rows()).withGivenCentroids(init).withVariant(variant);
                Clustering c = new KMeans(options).fit(data, new FitContext(1, p, FitListener.NONE));
                assertArrayEquals(expectedLabels, c.labels(), variant.yamlName() + " labels");
                assertEquals(iterations, c.iterations(), variant.yamlName() + " iterations");
                assertEquals(inertia, c.distortion(), 1e-5 * inertia, variant.yamlName() + " inertia");
                for (int i = 0; i < init.rows(); i++) {
                    for (int j = 0; j < init.cols(); j++) {
                        assertEquals(expectedCentroids.get(i, j), c.centroids().get(i, j), 1e-5,
                                variant.yamlName() + " centroid " + i + " feature " + j);
                    }
                }
            }
        }
    }

    private static double number(String json, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IOException("no " + key + " in the fixture");
        }
        return Double.parseDouble(m.group(1));
    }
}
