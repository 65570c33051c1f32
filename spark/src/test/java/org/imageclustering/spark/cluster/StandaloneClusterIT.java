package org.imageclustering.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;
import org.imageclustering.spark.SparkMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment runner on a real Spark standalone cluster (a Master and two Workers on
 * 127.0.0.1, each its own JVM; the driver in this JVM; our classes shipped to the executors as
 * the application jar) writes the local runner's results, also when a Worker dies in the middle
 * of a fit.
 *
 * <p>Run with {@code mvn -B -ntp verify -Pspark,spark-cluster} (about two minutes: it is not part
 * of the default test run).
 */
class StandaloneClusterIT {
    private static final String EXPERIMENT = "standalone-cluster";

    /** Kept when a test fails: the cluster's logs are in spark-dist/ (executors: executors-<n>/<app>/<id>/stderr). */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static Path spec;
    private static Path appJar;
    private static Path local;

    @BeforeAll
    static void runLocally() throws IOException {
        spec = dir.resolve("experiment.yaml");
        Files.writeString(spec, """
                # Fashion-MNIST sample, K 5 and 10, two seeds, Lloyd and Hamerly run to no reassignment
                # (13 to 39 passes each): 8 runs, long enough to lose a Worker in the middle of one.
                experiment: %s
                dataset:
                  loader: fashion-mnist
                  path: %s
                algorithms:
                  - name: lloyd
                    algorithm: kmeans
                    variant: lloyd
                    tolerance: 0
                  - name: hamerly
                    algorithm: kmeans
                    variant: hamerly
                    tolerance: 0
                k: [5, 10]
                seeds: [1, 2]
                metrics: [distortion, purity, nmi, ari]
                evaluate-on: [train, test]
                """.formatted(EXPERIMENT, sampleData()));
        appJar = ApplicationJar.locate(dir);
        Path output = dir.resolve("local");
        Command local = new Command();
        int code = Main.run(local.props(output), false, local.out, local.err, new ExperimentsModule());
        assertEquals(Main.OK, code, local.text());
        StandaloneClusterIT.local = output.resolve(EXPERIMENT);
        assertEquals(8, Files.readAllLines(StandaloneClusterIT.local.resolve("runs.jsonl")).size(), local.text());
    }

    @Test
    void clusterRunsGiveTheLocalRunnersResults() throws Exception {
        Path output = dir.resolve("cluster");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("healthy"), 2)) {
            Command run = new Command();
            int code = SparkMain.run(run.sparkProps(output, cluster), run.out, run.err);
            assertEquals(Main.OK, code, run.text());
        }
        SameResults.assertSameRuns(local, output.resolve(EXPERIMENT));
    }

    @Test
    void aWorkerKilledInTheMiddleOfAFitChangesNoResult() throws Exception {
        Path output = dir.resolve("cluster-killed");
        Path results = output.resolve(EXPERIMENT);
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("losing-a-worker"), 2)) {
            CountDownLatch midFit = ClusterProgress.arm(results.resolve("runs.jsonl"));
            AtomicReference<Throwable> killFailed = new AtomicReference<>();
            Thread killer = new Thread(() -> {
                try {
                    if (midFit.await(10, TimeUnit.MINUTES)) {
                        cluster.kill(0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    killFailed.set(e);
                }
            }, "kill-worker-0");
            killer.setDaemon(true);
            killer.start();
            Command run = new Command();
            int code;
            try {
                code = SparkMain.run(run.sparkProps(output, cluster), run.out, run.err);
            } finally {
                killer.interrupt();
                killer.join();
            }
            assertEquals(null, killFailed.get(), "killing worker 0");
            assertEquals(0, midFit.getCount(), "no run reached its second pass after the first run was recorded");
            assertEquals(Main.OK, code, run.text());
            assertTrue(ClusterProgress.executorsRemoved() >= 1, "the driver never lost the killed worker's executor");
            String log = StandaloneCluster.read(results.resolve("logs").resolve("run.log"));
            assertTrue(log.contains("rebuilt by replaying earlier passes"),
                    "no block state was rebuilt after the kill:\n" + log);
        }
        SameResults.assertSameRuns(local, results);
    }

    /** The Fashion-MNIST sample of the repository (the tests run in the module's folder). */
    private static Path sampleData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path sample = p.resolve("data").resolve("fashion-mnist-sample");
            if (Files.isDirectory(sample)) {
                return sample;
            }
        }
        throw new IllegalStateException("data/fashion-mnist-sample not found above " + Path.of("").toAbsolutePath());
    }

    /** One command's properties and captured console. */
    private static final class Command {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final PrintStream err = out;

        Properties props(Path output) {
            Properties p = new Properties();
            p.setProperty("config", spec.toString());
            p.setProperty("set", "output=" + output);
            return p;
        }

        /** The same command on {@code cluster}, the driver in this JVM. */
        Properties sparkProps(Path output, StandaloneCluster cluster) {
            Properties p = props(output);
            p.setProperty("master", cluster.masterUrl());
            p.setProperty("partitions", "4");
            p.setProperty("spark.jars", appJar.toString());
            p.setProperty("spark.driver.host", "127.0.0.1");
            p.setProperty("spark.driver.bindAddress", "127.0.0.1");
            p.setProperty("spark.executor.cores", "1");
            p.setProperty("spark.cores.max", "2");
            p.setProperty("spark.executor.memory", "512m");
            // Start only when both executors are there, so the blocks are spread over both workers.
            p.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
            p.setProperty("spark.extraListeners", ClusterProgress.class.getName());
            // Both executors share the host 127.0.0.1, so a lost executor's blocks still prefer that
            // host: SparkMain's 30 s wait for the executor that holds a block would then be spent
            // in full before they move (on separate machines they move at once).
            p.setProperty("spark.locality.wait", "3s");
            return p;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
