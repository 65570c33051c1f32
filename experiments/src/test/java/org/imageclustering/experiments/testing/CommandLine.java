package org.imageclustering.experiments.testing;

import com.google.inject.Module;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;

/**
 * The command line run in-process, as a user types it: system properties in, exit code back, and
 * what it printed on standard output and standard error kept for the test to read.
 */
public final class CommandLine {
    private final Module[] modules;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** With the project's components and the test ones ({@link TestComponents}). */
    public CommandLine() {
        this(new ExperimentsModule(), new TestComponents());
    }

    public CommandLine(Module... modules) {
        this.modules = modules.clone();
    }

    /** Runs {@code Main} with the properties {@code key, value, key, value, ...}; returns the exit code. */
    public int run(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in key, value pairs");
        }
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Main.run(p, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), modules);
    }

    /** Everything printed on standard output so far. */
    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed on standard error so far. */
    public String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed, for the next command. */
    public void clear() {
        out.reset();
        err.reset();
    }
}
