package org.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.kmeans.KMeansFactory;
import org.imageclustering.loader.datasets.Cifar10Loader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API page's example is {@link Cifar10KMeans}, word for word, and it does what the page says:
 * on a small CIFAR-10 in the published binary layout it loads what the experiment file's keys load,
 * fits k-means with the settings of {@code configs/cifar10-kmeans.yaml}, and prints that fit.
 */
class LibraryExampleTest {
    static final Path PAGE = Path.of("..", "docs", "java-api.md");
    static final Path EXAMPLE = Path.of("src", "test", "java", "org", "example", "library", "Cifar10KMeans.java");
    static final Path ASSIGNMENT = Path.of("..", "configs", "cifar10-kmeans.yaml");
    static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
            "ship", "truck");

    @TempDir
    Path dir;

    @Test
    void theJavaApiPageQuotesTheExampleWordForWord() throws IOException {
        String page = Files.readString(PAGE);
        String source = Files.readString(EXAMPLE);
        assertTrue(page.contains("```java\n" + source + "```\n"), EXAMPLE + " is not quoted whole in " + PAGE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleFitsTheShippedAssignmentSettingsAndPredictsTheTestSplit() throws IOException {
        Path cifar = dir.resolve("cifar-10-batches-bin");
        writeCifar10(cifar, 4, 3);

        List<String> printed = runMain(dir.toString());

        // The same fit through the experiment-file path: the shipped config's dataset and algorithm keys.
        Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(ASSIGNMENT.toFile(), Map.class);
        Map<String, Object> datasetKeys = new LinkedHashMap<>((Map<String, Object>) config.get("dataset"));
        datasetKeys.remove("loader");
        DatasetSplits data = new Cifar10Loader().load(new LoaderOptions(dir, false, Parameters.of("dataset", datasetKeys)));
        Map<String, Object> block = new LinkedHashMap<>(((List<Map<String, Object>>) config.get("algorithms")).get(0));
        assertEquals("kmeans", block.remove("algorithm"));
        block.remove("name");
        int k = ((List<Integer>) config.get("k")).get(0);
        Clustering expected = new KMeansFactory().create(k, Parameters.of("algorithms[0]", block))
                .fit(data.train().features(), 42);
        int[] testSizes = new int[k];
        for (int cluster : expected.predict(data.test().features())) {
            testSizes[cluster]++;
        }

        assertEquals(List.of(
                "10 centroids of 3072 features, distortion " + expected.distortion() + ", " + expected.iterations()
                        + " iterations, " + expected.stopReason(),
                "first training image: class airplane, cluster " + expected.labels()[0],
                "training images per cluster: " + Arrays.toString(expected.sizes()),
                "test images per cluster: " + Arrays.toString(testSizes)), printed);
        assertEquals(5 * 4 * NAMES.size(), Arrays.stream(expected.sizes()).sum(), "every training batch was read");
        assertEquals(3 * NAMES.size(), Arrays.stream(testSizes).sum(), "every test image was assigned");
        assertEquals(printed, runMain(dir.toString()), "the same seed gives the same result");
    }

    private static List<String> runMain(String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Cifar10KMeans.main(new String[] {path});
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The published binary folder: five training batches of {@code perClass} images of every class and
     * a test batch of {@code testPerClass}, labels in turn from airplane; each record is the label
     * byte, then the red, green and blue planes. Every image is a seeded mix of a left-to-right and a
     * top-to-bottom ramp: a continuum without clusters, on which k-means takes a good number of
     * iterations and its restarts and iteration budget change the result.
     */
    static void writeCifar10(Path folder, int perClass, int testPerClass) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom rng = new SplittableRandom(3);
        for (int b = 0; b <= 5; b++) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < (b == 0 ? testPerClass : perClass); i++) {
                for (int c = 0; c < NAMES.size(); c++) {
                    batch.write(c);
                    double across = rng.nextDouble(-1, 1);
                    double down = rng.nextDouble(-1, 1);
                    for (int p = 0; p < 3072; p++) {
                        int y = (p % 1024) / 32;
                        int x = p % 32;
                        batch.write((int) Math.round(128 + 60 * across * (x - 15.5) / 16 + 60 * down * (y - 15.5) / 16));
                    }
                }
            }
            Files.write(folder.resolve(b == 0 ? "test_batch.bin" : "data_batch_" + b + ".bin"), batch.toByteArray());
        }
        Files.writeString(folder.resolve("batches.meta.txt"), String.join("\n", NAMES) + "\n\n");
    }
}
