package org.imageclustering.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jar that ships this project's classes to the executors ({@code spark.jars}): the
 * application jar {@code mvn package} builds when the build names it (the integration-test phase
 * comes after package), else one written here from the class folders of the test class path.
 */
final class ApplicationJar {
    private ApplicationJar() {
    }

    /** The packaged application jar, or a jar of the project's class folders written into {@code dir}. */
    static Path locate(Path dir) throws IOException {
        String packaged = System.getProperty("imageclustering.app.jar");
        if (packaged != null && !packaged.isBlank()) {
            Path jar = Path.of(packaged);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the application jar " + jar + " does not exist: build it with "
                        + "mvn package -Pspark");
            }
            return jar;
        }
        return fromClassFolders(dir.resolve("imageclustering-classes.jar"));
    }

    /** Writes the class folders ({@code target/classes}) of the test class path into one jar. */
    private static Path fromClassFolders(Path jar) throws IOException {
        List<Path> folders = Stream.of(StandaloneCluster.testClassPath().split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("classes"))
                .toList();
        if (folders.isEmpty()) {
            throw new IllegalStateException("no class folder on the test class path: " + StandaloneCluster.testClassPath());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            java.util.Set<String> written = new java.util.HashSet<>();
            for (Path folder : folders) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = folder.relativize(f).toString().replace(File.separatorChar, '/');
                        if (name.equals("META-INF/MANIFEST.MF") || !written.add(name)) {
                            continue; // the first folder's copy wins, as on a class path
                        }
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
