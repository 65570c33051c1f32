package org.imageclustering.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program using the library in a JVM started without {@code --add-modules jdk.incubator.vector}
 * runs on the scalar fallbacks (k-means, PCA, nearest neighbours, spectral clustering: see
 * {@link KernelProbe}), with the same results as this JVM's, and says once, for the whole library,
 * how to enable the module; {@code -Dimageclustering.distance.scalar=true} forces the fallbacks.
 */
class KernelFallbackTest {
    /** The child JVM's output: the kernel line, the fit lines, and everything it logged. */
    private record Child(String kernel, List<String> fits, String output) {
    }

    private static Child runProbe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        // the default log4j configuration prints errors only; the advice is a warning
        command.add("-Dorg.apache.logging.log4j.level=WARN");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KernelProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // options the launcher would add on its own (they could carry --add-modules)
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + output);
        String kernel = null;
        List<String> fits = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("kernel=")) {
                kernel = line.substring("kernel=".length());
            } else if (line.startsWith("fit ")) {
                fits.add(line.substring("fit ".length()));
            }
        }
        return new Child(kernel, fits, output);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void withoutTheVectorModuleTheLibraryRunsItsScalarFallbacksWithTheSameResultsAndAdvisesOnce() throws Exception {
        Child child = runProbe();
        assertEquals("scalar", child.kernel(), child.output());
        assertEquals(KernelProbe.fits(), child.fits(), "labels, centroids, components or neighbours differ");
        assertEquals(1, occurrences(child.output(), KernelProvider.ENABLE_ADVICE), child.output());
        // one advice for the whole library, not one per class with a SIMD path
        assertEquals(1, occurrences(child.output(), "Vector API"), child.output());
        assertTrue(child.output().contains("--add-modules jdk.incubator.vector"), child.output());
        assertFalse(child.output().contains("NoClassDefFoundError"), child.output());
    }

    @Test
    void theScalarPropertyForcesTheFallbacksWithTheSameResultsAndNoAdvice() throws Exception {
        Child child = runProbe("--add-modules", "jdk.incubator.vector", "-D" + KernelProvider.SCALAR_PROPERTY + "=true");
        assertEquals("scalar", child.kernel(), child.output());
        assertEquals(KernelProbe.fits(), child.fits(), "labels, centroids, components or neighbours differ");
        assertEquals(0, occurrences(child.output(), KernelProvider.ENABLE_ADVICE), child.output());
    }

    @Test
    void withTheVectorModuleTheVectorKernelRuns() {
        // surefire starts the test JVM with the module (the parent pom's argLine) unless the
        // scalar-fallback profile leaves it out
        boolean vector = KernelProvider.VECTOR_MODULE_PRESENT && !Boolean.getBoolean(KernelProvider.SCALAR_PROPERTY);
        assertEquals(vector, KernelProvider.VECTOR_API);
        assertEquals(vector ? "vector" : "scalar", KernelProvider.KERNELS.name());
    }
}
