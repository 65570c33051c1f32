package org.example.extending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Extending" examples are these files, word for word, and they work: a loader, an
 * algorithm, a transform and a metric added from outside the project run in one experiment.
 */
class ExtendingExamplesTest {
    static final List<String> EXAMPLES = List.of("CsvImagesLoader.java", "FarthestFirstFactory.java",
            "PowerTransformFactory.java", "LargestClusterShare.java", "MyComponents.java");

    /**
     * Imports the README still writes with the packages these classes had before {@code ImageShape}
     * moved to core and the transforms to the features module; the README is read as if they were
     * renamed. Remove each entry once the documentation quotes the new import.
     */
    static final Map<String, String> MOVED_IMPORTS = Map.of(
            "import org.imageclustering.loader.ImageShape;", "import org.imageclustering.core.ImageShape;",
            "import org.imageclustering.loader.transform.", "import org.imageclustering.features.");

    @TempDir
    Path tmp;

    @Test
    void readmeQuotesEveryExampleWordForWord() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Map.Entry<String, String> moved : MOVED_IMPORTS.entrySet()) {
            readme = readme.replace(moved.getKey(), moved.getValue());
        }
        Path sources = Path.of("src", "test", "java", "org", "example", "extending");
        for (String file : EXAMPLES) {
            String source = Files.readString(sources.resolve(file));
            assertTrue(readme.contains("```java\n" + source + "```\n"), file + " is not quoted whole in README.md");
        }
    }

    @Test
    void theExampleComponentsRunAnExperimentAndTheirMetricIsSummarised() throws IOException {
        Path csv = writeImages(tmp.resolve("images.csv"), 60);
        Path config = tmp.resolve("extending.yaml");
        Files.writeString(config, """
                experiment: extending
                output: %s
                dataset: {loader: csv-images, path: %s, classes: 3}
                transforms: [{transform: power, exponent: 0.5}]
                algorithms:
                  - {algorithm: farthest-first}
                  - {algorithm: kmeans}
                k: [3]
                seeds: [1, 2]
                metrics: [purity, largest-cluster-share]
                """.formatted(tmp.resolve("results"), csv));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Properties props = new Properties();
        props.setProperty("config", config.toString());
        int exit = Main.run(props, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ExperimentsModule(), new MyComponents());
        assertEquals(Main.OK, exit, err.toString(StandardCharsets.UTF_8));
        Path results = tmp.resolve("results").resolve("extending");
        List<String> runs = Files.readAllLines(results.resolve("runs.jsonl"));
        assertEquals(4, runs.size());
        assertTrue(runs.stream().allMatch(l -> l.contains("\"largest-cluster-share\"") && l.contains("\"status\":\"ok\"")),
                runs.toString());
        assertTrue(runs.stream().anyMatch(l -> l.contains("\"exponent\":0.5")), "the transform's summary is recorded");
        // three well-separated classes: farthest-first from any first row finds them exactly
        assertTrue(runs.stream().filter(l -> l.contains("farthest-first")).allMatch(l -> l.contains("\"purity\":1.0")),
                runs.toString());
        assertTrue(Files.readString(results.resolve("summary.csv")).contains("largest-cluster-share"),
                "a metric added from outside is summarised like a built-in one");
    }

    @Test
    void aRaggedLineIsRefusedWithTheFileTheLineAndExitTwo() throws IOException {
        Path csv = writeImages(tmp.resolve("images.csv"), 10);
        Files.writeString(csv, "1,2,3\n", java.nio.file.StandardOpenOption.APPEND);
        Path config = tmp.resolve("ragged.yaml");
        Files.writeString(config, """
                output: %s
                dataset: {loader: csv-images, path: %s, classes: 3}
                algorithms: [{algorithm: farthest-first}]
                k: 2
                """.formatted(tmp.resolve("results"), csv));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Properties props = new Properties();
        props.setProperty("config", config.toString());
        int exit = Main.run(props, false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ExperimentsModule(), new MyComponents());
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.BAD_CONFIGURATION, exit, message);
        assertTrue(message.contains(csv + " at byte ") && message.contains("line 11: expected a class and 16 pixels, found 3"),
                message);
        assertEquals(1, message.lines().count(), message);
    }

    /** {@code n} 4x4 images of three classes: a bright left, middle or right band, plus a little noise. */
    static Path writeImages(Path file, int n) throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            sb.append(c);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    boolean bright = x / 2 == c || (c == 2 && x == 3);
                    sb.append(',').append((bright ? 200 : 20) + rng.nextInt(10));
                }
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
        return file;
    }
}
