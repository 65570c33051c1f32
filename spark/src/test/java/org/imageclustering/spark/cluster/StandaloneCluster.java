package org.imageclustering.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and {@code n} Workers of one core each, each
 * its own JVM started from the test class path. The Workers start their executors as Spark does,
 * from {@code SPARK_HOME/jars}: a temporary folder whose {@code jars/} links every third-party jar
 * of the test class path, but none of this project's classes, so the executors can only get those
 * from the application jar ({@code spark.jars}), as on a real cluster.
 */
final class StandaloneCluster implements AutoCloseable {
    /** How long a JVM of the cluster gets to come up (a ceiling for a wait, not a measured figure). */
    private static final long START_SECONDS = 120;
    private static final String HOST = "127.0.0.1";
    private static final String LOGGING = """
            rootLogger.level = info
            rootLogger.appenderRef.console.ref = console
            appender.console.type = Console
            appender.console.name = console
            appender.console.target = SYSTEM_ERR
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
            """;

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(Path home, int port) {
        this.home = home;
        this.masterUrl = "spark://" + HOST + ":" + port;
    }

    /** Starts a Master and {@code workers} Workers under {@code dir}, and waits until every Worker is registered. */
    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-dist"));
        linkJars(Files.createDirectories(home.resolve("jars")));
        // Spark's own logging (INFO), not the project's console set-up the test class path carries:
        // the Master and Workers read it by name, the executors from conf/ on their class path.
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("log4j2.properties"), LOGGING);
        StandaloneCluster cluster = new StandaloneCluster(home, freePort());
        try {
            Path masterLog = home.resolve("master.log");
            cluster.processes.add(cluster.launch("org.apache.spark.deploy.master.Master", masterLog,
                    "--host", HOST, "--port", cluster.port(), "--webui-port", "0"));
            awaitLine(masterLog, cluster.processes.get(0), l -> l.contains("I have been elected leader"));
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(home.resolve("executors-" + w));
                Process p = cluster.launch("org.apache.spark.deploy.worker.Worker", workerLog(home, w),
                        "--host", HOST, "--cores", "1", "--memory", "1g", "--webui-port", "0",
                        "--work-dir", work.toString(), cluster.masterUrl);
                cluster.processes.add(p);
                cluster.workers.add(p);
            }
            for (int w = 0; w < workers; w++) {
                awaitLine(workerLog(home, w), cluster.workers.get(w), l -> l.contains("Successfully registered with master"));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static Path workerLog(Path home, int worker) {
        return home.resolve("node-" + worker + ".log");
    }

    /** {@code spark://127.0.0.1:<port>}. */
    String masterUrl() {
        return masterUrl;
    }

    /**
     * Kills Worker {@code index} and every process it started (its executors) at once, as a machine
     * that loses power would, and waits until they are gone.
     */
    void kill(int index) {
        destroyTree(workers.get(index));
    }

    @Override
    public void close() {
        // Workers (and their executors) first, the Master last, so no Worker starts anything new.
        for (int i = processes.size() - 1; i >= 0; i--) {
            destroyTree(processes.get(i));
        }
    }

    private String port() {
        return masterUrl.substring(masterUrl.lastIndexOf(':') + 1);
    }

    private Process launch(String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmArgs().split("\\s+")));
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-Dlog4j2.configurationFile=" + home.resolve("conf").resolve("log4j2.properties"),
                "-cp", testClassPath(), mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_"));
        env.put("SPARK_HOME", home.toString());
        // The launcher that starts executors looks for SPARK_HOME/jars and needs the Scala version
        // a distribution would name in its folders.
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        return pb.start();
    }

    /** Spark's --add-opens list (JavaModuleOptions), as the build hands it to the test JVM. */
    private static String jvmArgs() {
        String args = System.getProperty("imageclustering.spark.jvm.args");
        if (args == null || args.isBlank()) {
            throw new IllegalStateException("system property imageclustering.spark.jvm.args is not set: run this test "
                    + "through Maven (mvn verify -Pspark,spark-cluster), which passes spark/pom.xml's spark.jvm.args");
        }
        return args.strip();
    }

    /** The test class path (surefire runs the tests from a manifest-only jar and names the real one here). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Links every jar of the test class path that is not one of this project's into {@code jars}. */
    private static void linkJars(Path jars) throws IOException {
        Set<String> names = new HashSet<>();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || name.startsWith("imageclustering-") || !Files.isRegularFile(jar)) {
                continue;
            }
            if (!names.add(name)) {
                name = names.size() + "-" + name;
                names.add(name);
            }
            Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until {@code log} has a line {@code ready} accepts; fails with the log when the process ends first. */
    private static void awaitLine(Path log, Process process, Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (read(log).lines().anyMatch(ready)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": the process ended (exit " + process.exitValue()
                        + ") before it was ready:\n" + read(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(log.getFileName() + ": not ready after " + START_SECONDS + " s:\n" + read(log));
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills {@code process} and all its descendants at once and waits until every one has ended. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + h.pid() + " did not end after it was killed", e);
            }
        }
    }
}
