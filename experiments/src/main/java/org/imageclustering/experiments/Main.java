package org.imageclustering.experiments;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.imageclustering.experiments.run.ExperimentRunner;
import org.imageclustering.experiments.run.Progress;
import org.imageclustering.experiments.folder.RunLogging;
import org.imageclustering.experiments.folder.WriteFailures;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.report.Comparison;

/**
 * The command line: {@code mvn -q compile exec:java -Dconfig=configs/quickstart.yaml}.
 *
 * <p>Every failure becomes one message on standard error and an exit code: 0 success, 2 a bad
 * configuration (nothing was run), 1 a run failed (the others finished and are kept) or results
 * could not be read or written. Stack traces go to the experiment's {@code logs/run.log}, or to the
 * console with {@code -Dtrace=true}.
 *
 * <p>System properties: {@code config} (the experiment file), {@code set} (overrides),
 * {@code dryRun}, {@code fresh}, {@code run} (replay one run id alone), {@code report} (rebuild the
 * reports of a results folder), {@code compare} (results folders, comma-separated), {@code trace}.
 */
public final class Main {
    /** Exit code of a successful command. */
    public static final int OK = 0;
    /** Exit code when a run failed or results could not be read or written. */
    public static final int RUN_FAILED = 1;
    /** Exit code of a bad configuration or command line. */
    public static final int BAD_CONFIGURATION = 2;

    static final String USAGE = """
            usage: mvn -q compile exec:java -Dconfig=<experiment.yaml> [options]
              -Dset=k=[5,10],algorithms[0].max-iterations=50   change settings without editing the file
              -DdryRun=true        print the plan (counts per axis, run ids, memory estimate) and stop
              -Dfresh=true         move existing results of this experiment aside and start over
              -Drun=<run id>       replay one run alone (writes nothing) and compare with its record
              -Dtrace=true         print stack traces on the console
            or: -Dreport=<results folder>      rebuild its reports from runs.jsonl
            or: -Dcompare=<folder>,<folder>    compare two results folders""";

    private Main() {
    }

    /** {@code -Dreport} or {@code -Dcompare} named a folder that holds no experiment results. */
    private static final class NotAResultsFolder extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAResultsFolder(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public static void main(String[] args) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        if (args.length > 0 && props.getProperty("config") == null) {
            props.setProperty("config", args[0]);
        }
        boolean live = Progress.onTerminal();
        if (live) {
            // before Log4j starts: console log lines then erase the progress bar instead of joining it
            System.setProperty(RunLogging.CONSOLE_PREFIX_PROPERTY, "\r\u001b[K");
        }
        int code = run(props, live, System.out, System.err, new ExperimentsModule());
        System.out.flush();
        if (code != OK) {
            System.exit(code); // under exec:java this ends Maven's JVM with our code, as intended
        }
    }

    /**
     * Runs the command described by {@code props} with the components of {@code modules} and returns
     * the exit code; never throws.
     */
    public static int run(Properties props, boolean live, PrintStream out, PrintStream err, Module... modules) {
        boolean trace = Boolean.parseBoolean(props.getProperty("trace", "false"));
        try {
            Injector injector = Guice.createInjector(modules);
            ExperimentRunner runner = injector.getInstance(ExperimentRunner.class);
            if (props.getProperty("report") != null) {
                try {
                    out.println(runner.rebuildReports(Path.of(props.getProperty("report"))));
                } catch (IllegalArgumentException e) {
                    throw new NotAResultsFolder(e); // the reporting module's answer to a folder it cannot read
                }
                return OK;
            }
            if (props.getProperty("compare") != null) {
                List<Path> dirs = Arrays.stream(props.getProperty("compare").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Path::of).toList();
                if (dirs.size() != 2) {
                    err.println("error: -Dcompare needs two results folders, e.g. -Dcompare=results/a,results/b");
                    return BAD_CONFIGURATION;
                }
                Path into = comparisonFolder(dirs.get(0), dirs.get(1));
                Comparison.Result result;
                try {
                    result = Comparison.compare(dirs.get(0), dirs.get(1), into);
                } catch (IllegalArgumentException e) {
                    throw new NotAResultsFolder(e);
                }
                out.println(result.consoleText());
                out.println("Comparison written to " + result.markdown() + ", " + result.csv() + " and " + result.summaryCsv());
                return OK;
            }
            String config = props.getProperty("config");
            if (config == null || config.isBlank()) {
                err.println("error: no experiment file given (-Dconfig=...)");
                err.println(USAGE);
                return BAD_CONFIGURATION;
            }
            String overrides = props.getProperty("set");
            ExperimentFile file = ExperimentFile.read(Path.of(config), overrides, runner.registry().catalog());
            if (props.getProperty("run") != null) {
                return replay(runner, file, props.getProperty("run").strip(), out, err);
            }
            ExperimentRunner.Options options = new ExperimentRunner.Options(flag(props, "fresh"), flag(props, "dryRun"), live, out);
            ExperimentRunner.Outcome outcome = runner.run(file, overrides, options);
            if (outcome.failed() > 0) {
                err.println("error: " + outcome.failed() + " of " + outcome.planned() + " runs failed (see "
                        + outcome.folder().resolve("runs.jsonl") + " and " + outcome.folder().resolve("logs/run.log") + ")");
            }
            return outcome.exitCode();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            printTrace(trace, e, err);
            return BAD_CONFIGURATION;
        } catch (CreationException | ConfigurationException | ProvisionException e) {
            err.println("error: the components are not wired correctly: " + firstLine(e.getMessage()));
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (NotAResultsFolder e) {
            err.println("error: " + e.getMessage());
            printTrace(trace, e, err);
            return BAD_CONFIGURATION;
        } catch (WriteFailures.ResultsNotWrittenException e) {
            err.println("error: " + e.getMessage()); // names the path, the cause and how to resume
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + WriteFailures.reason(e.getCause())));
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (NoSuchFileException e) {
            err.println("error: file not found: " + e.getMessage());
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (FileSystemException e) {
            err.println("error: " + e.getFile() + ": " + WriteFailures.reason(e));
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            printTrace(trace, e, err);
            return RUN_FAILED;
        } catch (RuntimeException | OutOfMemoryError e) {
            String what = e instanceof OutOfMemoryError ? "out of memory (give Maven more heap: MAVEN_OPTS=-Xmx8g, or lower "
                    + "`limit` / `parallel-runs`)" : "unexpected failure: " + e;
            err.println("error: " + what + (trace ? "" : " (the stack trace is in the experiment's logs/run.log, or rerun "
                    + "with -Dtrace=true)"));
            printTrace(trace, e, err);
            return RUN_FAILED;
        }
    }

    private static int replay(ExperimentRunner runner, ExperimentFile file, String runId, PrintStream out, PrintStream err)
            throws IOException {
        RunRecord replayed = runner.replay(file, runId, file.spec().effectiveThreads());
        out.println("Replayed run " + runId + ": " + (replayed.ok() ? replayed.metrics() : "FAILED: " + replayed.error()));
        RunRecord recorded = runner.recorded(file, runId);
        if (recorded == null) {
            out.println("(no record of this run in the results folder to compare with)");
            return replayed.ok() ? OK : RUN_FAILED;
        }
        if (recorded.metrics().equals(replayed.metrics()) && recorded.status().equals(replayed.status())) {
            out.println("Identical to the recorded run.");
            return OK;
        }
        err.println("error: the replay differs from the recorded run: recorded " + recorded.metrics() + ", replayed "
                + replayed.metrics());
        return RUN_FAILED;
    }

    /** {@code <parent of A>/compare-<A>-vs-<B>}. */
    static Path comparisonFolder(Path a, Path b) {
        Path parent = a.toAbsolutePath().normalize().getParent();
        String name = "compare-" + a.toAbsolutePath().normalize().getFileName() + "-vs-"
                + b.toAbsolutePath().normalize().getFileName();
        return parent == null ? Path.of(name) : a.getParent() == null ? Path.of(name) : a.getParent().resolve(name);
    }

    private static boolean flag(Properties props, String name) {
        String v = props.getProperty(name);
        return v != null && (v.isEmpty() || Boolean.parseBoolean(v));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return Arrays.stream(s.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("Unable to create"))
                .findFirst().orElse(s);
    }

    private static void printTrace(boolean trace, Throwable e, PrintStream err) {
        if (trace) {
            e.printStackTrace(err);
        }
    }
}
