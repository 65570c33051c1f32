package org.example.extending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.imageclustering.experiments.testing.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Extending" page's examples ({@code docs/extending.md}) are these files, word for word, and they
 * work: a loader, an algorithm, a transform and a metric added from outside the project run in one
 * experiment.
 */
class ExtendingExamplesTest {
    static final List<String> EXAMPLES = List.of("CsvImagesLoader.java", "FarthestFirstFactory.java",
            "PowerTransformFactory.java", "LargestClusterShare.java", "MyComponents.java");

    @TempDir
    Path tmp;

    @Test
    void theExtendingPageQuotesEveryExampleWordForWord() throws IOException {
        Path page = Path.of("..", "docs", "extending.md");
        String text = Files.readString(page);
        Path sources = Path.of("src", "test", "java", "org", "example", "extending");
        for (String file : EXAMPLES) {
            String source = Files.readString(sources.resolve(file));
            assertTrue(text.contains("```java\n" + source + "```\n"), file + " is not quoted whole in " + page);
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
        CommandLine cli = new CommandLine(new ExperimentsModule(), new MyComponents());
        assertEquals(Main.OK, cli.run("config", config.toString()), cli.stderr());
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
        CommandLine cli = new CommandLine(new ExperimentsModule(), new MyComponents());
        int exit = cli.run("config", config.toString());
        String message = cli.stderr();
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
