package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.report.Reports;
import org.imageclustering.reporting.report.RunArtifacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the command line with the production wiring only: real Fashion-MNIST images
 * from the sample that ships in data/, the real loader, k-means, metrics and reports.
 */
class QuickstartSampleTest {
    /** The shipped sample, seen from this module's folder (where tests run). */
    static final Path SAMPLE = Path.of("..", "data", "fashion-mnist-sample");

    @TempDir
    Path tmp;

    @Test
    void aTinyExperimentOnTheShippedSampleWritesRecordsReportsAndTable() throws Exception {
        Path config = tmp.resolve("tiny.yaml");
        Files.writeString(config, """
                experiment: tiny
                output: %s
                dataset:
                  loader: fashion-mnist
                  path: %s
                  limit: 600
                algorithms:
                  - {name: km, algorithm: kmeans, init: k-means++}
                k: [10]
                seeds: [1, 2]
                metrics: [distortion, purity, nmi]
                """.formatted(tmp.resolve("results"), SAMPLE));
        Properties p = new Properties();
        p.setProperty("config", config.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(p, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ExperimentsModule());
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));

        Path dir = tmp.resolve("results/tiny");
        List<RunRecord> runs = RunLog.in(dir).readAll();
        assertEquals(2, runs.size());
        for (RunRecord r : runs) {
            assertTrue(r.ok(), r.error());
            assertEquals(600, ((Number) r.diagnostics().get("train_rows")).intValue(), "limit keeps 600 training images");
            double purity = r.metrics().get("train").get("purity");
            assertTrue(purity > 0.4 && purity < 0.75, "raw-pixel k-means on Fashion-MNIST, K = 10: " + purity);
            assertEquals(500, new RunArtifacts(dir).readLabels(r.artifacts().get(RunArtifacts.labelsKey("test"))).length,
                    "every test image assigned to a centroid");
        }
        assertTrue(Files.exists(dir.resolve(Reports.REPORT_HTML)));
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("train-images-idx3-ubyte.gz"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().anyMatch(l -> l.matches("fashion-mnist\\s+pixels\\s+km.*\\s10\\s+2\\s+.*")), table);
    }

    @Test
    void precomputedFeaturesAlignedWithImagesStillDrawTheirClusters() throws Exception {
        Path config = tmp.resolve("features.yaml");
        Files.writeString(config, """
                experiment: features
                output: %s
                dataset:
                  loader: features
                  path: %s
                  train: train.npy
                  images: {loader: fashion-mnist, path: %s}
                algorithms:
                  - {name: km, algorithm: kmeans, init: k-means++}
                k: [5]
                seeds: [1]
                metrics: [purity]
                """.formatted(tmp.resolve("results"), SAMPLE.resolveSibling("fashion-mnist-sample-features"), SAMPLE));
        Properties p = new Properties();
        p.setProperty("config", config.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(p, false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ExperimentsModule());
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));

        Path dir = tmp.resolve("results/features");
        RunRecord run = RunLog.in(dir).readAll().get(0);
        assertTrue(run.ok(), run.error());
        // the centroids live in feature space, so the pictures are the images' cluster means and members
        for (String key : List.of(RunArtifacts.MEAN_MOSAIC, RunArtifacts.CLUSTER_MONTAGE)) {
            String file = run.artifacts().get(key);
            assertTrue(file != null && Files.size(dir.resolve(file)) > 0, key + " in " + run.artifacts());
        }
    }
}
