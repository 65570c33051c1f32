package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.imageclustering.experiments.plan.RunPlan;
import org.imageclustering.experiments.run.ExperimentRunner;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every experiment file in configs/ is valid against the production wiring and plans what its comments say. */
class ShippedConfigsTest {
    static final Path CONFIGS = Path.of("..", "configs");

    @TempDir
    Path tmp;

    final ExperimentRunner runner = Guice.createInjector(new ExperimentsModule()).getInstance(ExperimentRunner.class);

    ExperimentFile read(String name) {
        // data paths in the files are relative to the repository root; tests run one level down
        String text;
        try {
            text = Files.readString(CONFIGS.resolve(name)).replace("path: data/", "path: ../data/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ExperimentFile.parse(name, text, "output=" + tmp.resolve("results"), runner.registry().catalog());
    }

    String dryRun(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runner.run(read(name), null, new ExperimentRunner.Options(false, true, false, new PrintStream(out, true,
                StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyShippedConfigIsValid() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(CONFIGS)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("quickstart.yaml", "fashion-mnist.yaml", "cifar10-kmeans.yaml", "k-sweep.yaml",
                "seed-study.yaml", "algorithm-comparison.yaml", "init-comparison.yaml")), names.toString());
        for (String name : names) {
            assertTrue(RunPlan.of(read(name).spec()).size() > 0, name);
        }
    }

    @Test
    void quickstartPlansNineRunsOnTheShippedSample() throws IOException {
        String plan = dryRun("quickstart.yaml");
        assertTrue(plan.contains("fashion-mnist (2000 train x 784, 500 test)"), plan);
        assertTrue(plan.contains("runs                 9"), plan);
    }

    @Test
    void embeddingsClustersTheShippedSampleFeaturesWithTheSampleLabels() throws IOException {
        String plan = dryRun("embeddings.yaml");
        assertTrue(plan.contains("features (2000 train x 20, 500 test)"), plan);
        assertTrue(plan.contains("runs                 6"), plan);
    }

    @Test
    void examplePlansHaveTheAdvertisedAxes() throws IOException {
        assertEquals(10 * 3, RunPlan.of(read("k-sweep.yaml").spec()).size());
        assertEquals(20, RunPlan.of(read("seed-study.yaml").spec()).size());
        assertEquals(3 * 3, RunPlan.of(read("algorithm-comparison.yaml").spec()).size());
        assertEquals(4 * 5, RunPlan.of(read("init-comparison.yaml").spec()).size());
        assertTrue(dryRun("init-comparison.yaml").contains("kmeans: 4 over [init]"));
    }

    @Test
    void readmeQuotesTheQuickStartFileWhole() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String quickstart = Files.readString(CONFIGS.resolve("quickstart.yaml"));
        assertTrue(readme.contains("```yaml\n" + quickstart + "```\n"), "README.md does not quote configs/quickstart.yaml whole");
    }

    @Test
    void cifar10WithoutItsDataSaysWhereToPutIt() throws IOException {
        if (Files.exists(Path.of("..", "data", "cifar-10")) || Files.exists(Path.of("data", "cifar-10"))) {
            return; // the data is installed here: nothing to complain about
        }
        ConfigException e = assertThrows(ConfigException.class, () -> dryRun("cifar10-kmeans.yaml"));
        assertEquals("dataset.loader", e.keyPath());
        assertTrue(e.getMessage().contains("https://www.cs.toronto.edu/~kriz/cifar.html"), e.getMessage());
        assertTrue(e.getMessage().contains("data/"), e.getMessage());
    }
}
