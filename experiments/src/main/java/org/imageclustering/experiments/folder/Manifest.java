package org.imageclustering.experiments.folder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.SourceFile;
import org.imageclustering.reporting.AtomicFiles;

/**
 * {@code manifest.json}: the provenance beside an experiment's results. The resolved spec and its
 * hash, the dataset files with their SHA-256, the git commit and whether the work tree had
 * uncommitted changes (where git is available), Java, OS, CPU count, threads, library versions, and
 * start and end times. Written atomically (temporary file, then rename).
 */
public final class Manifest {
    /** File name inside the experiment folder. */
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Libraries whose versions are recorded: {groupId, artifactId, a class in the jar}. */
    private static final String[][] LIBRARIES = {
        {"com.google.inject", "guice", "com.google.inject.Guice"},
        {"com.fasterxml.jackson.core", "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"},
        {"com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml", "com.fasterxml.jackson.dataformat.yaml.YAMLFactory"},
        {"org.apache.logging.log4j", "log4j-core", "org.apache.logging.log4j.core.LoggerContext"},
        {"org.apache.commons", "commons-math3", "org.apache.commons.math3.util.FastMath"},
    };

    private final Map<String, Object> content = new LinkedHashMap<>();

    private Manifest() {
    }

    /** A manifest for a starting experiment. */
    public static Manifest start(ExperimentSpec spec, Path configFile, String overrides, Map<String, DatasetSplits> datasets) {
        Manifest m = new Manifest();
        m.content.put("experiment", spec.experiment());
        m.content.put("specHash", spec.hash());
        m.content.put("configFile", configFile.toString());
        m.content.put("overrides", overrides == null || overrides.isBlank() ? null : overrides);
        m.content.put("spec", spec.resolved());
        List<Map<String, Object>> ds = new ArrayList<>();
        datasets.forEach((name, splits) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("train", describe(splits.train()));
            d.put("test", splits.test() == null ? null : describe(splits.test()));
            ds.add(d);
        });
        m.content.put("datasets", ds);
        m.content.put("git", git());
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        java.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        java.put("arguments", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("--add-modules")).toList());
        m.content.put("java", java);
        m.content.put("os", Map.of("name", System.getProperty("os.name"), "version", System.getProperty("os.version"),
                "arch", System.getProperty("os.arch")));
        m.content.put("cpus", Runtime.getRuntime().availableProcessors());
        m.content.put("threads", spec.effectiveThreads());
        m.content.put("parallelRuns", spec.parallelRuns());
        m.content.put("libraries", libraries());
        m.content.put("startedAt", Instant.now().toString());
        m.content.put("firstStartedAt", null);
        m.content.put("invocations", null);
        m.content.put("finishedAt", null);
        m.content.put("runs", null);
        return m;
    }

    /** Records the end of the experiment and the run counts. */
    public void finish(int planned, int skipped, int ok, int failed) {
        content.put("finishedAt", Instant.now().toString());
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("planned", planned);
        runs.put("skippedAsFinished", skipped);
        runs.put("ok", ok);
        runs.put("failed", failed);
        content.put("runs", runs);
    }

    /** Writes {@code manifest.json} into {@code dir} atomically (reporting's {@link AtomicFiles}). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(content));
    }

    /**
     * Carries over what earlier invocations of the same experiment recorded: the first start time and
     * the number of invocations, so a resumed experiment's manifest still says when it began.
     */
    public void continueFrom(Map<String, Object> previous) {
        if (previous == null) {
            content.put("firstStartedAt", content.get("startedAt"));
            content.put("invocations", 1);
            return;
        }
        Object first = previous.getOrDefault("firstStartedAt", previous.get("startedAt"));
        content.put("firstStartedAt", first != null ? first : content.get("startedAt"));
        content.put("invocations", previous.get("invocations") instanceof Number n ? n.intValue() + 1 : 2);
    }

    /** The content as written. */
    public Map<String, Object> content() {
        return java.util.Collections.unmodifiableMap(content);
    }

    /** Reads the manifest in {@code dir}, or {@code null} if there is none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        return JSON.readValue(f.toFile(), Map.class);
    }

    private static Map<String, Object> describe(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("rows", d.size());
        m.put("features", d.features().cols());
        m.put("shape", d.shape() == null ? null : d.shape().toString());
        m.put("classes", d.classNames().size());
        List<Map<String, Object>> files = new ArrayList<>();
        for (SourceFile f : d.sources()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("path", f.path());
            fm.put("sha256", f.sha256());
            fm.put("bytes", f.bytes());
            files.add(fm);
        }
        m.put("files", files);
        return m;
    }

    /** The commit of the working directory's repository and whether it has uncommitted changes, or null. */
    static Map<String, Object> git() {
        String commit = command("git", "rev-parse", "HEAD");
        if (commit == null || commit.isBlank()) {
            return null;
        }
        String status = command("git", "status", "--porcelain", "--untracked-files=no");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", commit.strip());
        m.put("dirty", status == null ? null : !status.isBlank());
        return m;
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null; // no git on this machine: provenance without a commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Map<String, Object> libraries() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String[] lib : LIBRARIES) {
            m.put(lib[0] + ":" + lib[1], version(lib[0], lib[1], lib[2]));
        }
        return m;
    }

    private static String version(String group, String artifact, String className) {
        try {
            Class<?> c = Class.forName(className, false, Manifest.class.getClassLoader());
            try (InputStream in = c.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version");
                }
            }
            String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
            return v != null ? v : bundleVersion(c);
        } catch (ClassNotFoundException | IOException e) {
            return null;
        }
    }

    /** The OSGi {@code Bundle-Version} of the jar holding {@code c} (Guice records its version only there). */
    private static String bundleVersion(Class<?> c) {
        try {
            java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
                return null;
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
                java.util.jar.Manifest mf = jar.getManifest();
                return mf == null ? null : mf.getMainAttributes().getValue("Bundle-Version");
            }
        } catch (IOException | java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
