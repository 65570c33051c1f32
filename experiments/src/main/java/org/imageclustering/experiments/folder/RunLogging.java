package org.imageclustering.experiments.folder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Sends the log of one experiment to {@code <experiment folder>/logs/run.log} as well as the
 * console, for as long as the experiment runs. The file gets everything at DEBUG, stack traces
 * included; the console (configured in {@code log4j2.xml}) gets INFO lines without stack traces.
 */
public final class RunLogging implements AutoCloseable {
    /**
     * System property read by {@code log4j2.xml} in front of every console line; set to
     * "carriage return, erase line" on a terminal so log lines replace the progress bar.
     */
    public static final String CONSOLE_PREFIX_PROPERTY = "imageclustering.console.prefix";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n";

    private final FileAppender appender;
    private final FirstFailure failure;
    private boolean closed;

    private RunLogging(FileAppender appender, FirstFailure failure) {
        this.appender = appender;
        this.failure = failure;
    }

    /**
     * Log lines kept in memory from {@link #buffer()} until {@link #to(Path, Buffered)} writes them
     * into the experiment's log file: the data is loaded and checked before the results folder is
     * created, and those lines belong in its log too.
     */
    public static final class Buffered implements AutoCloseable {
        private final WriterAppender appender;
        private final StringWriter text = new StringWriter();
        private boolean detached;

        private Buffered() {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            Configuration config = ctx.getConfiguration();
            appender = WriterAppender.newBuilder().setName("experiment-buffer-" + System.identityHashCode(this)).setTarget(text)
                    .setLayout(PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build())
                    .setConfiguration(config).build();
            appender.start();
            attach(config, appender);
            ctx.updateLoggers();
        }

        /** Stops collecting (lines collected so far stay available); calling it again does nothing. */
        @Override
        public void close() {
            if (!detached) {
                detached = true;
                detach(appender);
            }
        }
    }

    /** Starts keeping log lines in memory, for {@link #to(Path, Buffered)}. */
    public static Buffered buffer() {
        return new Buffered();
    }

    /** Starts appending to {@code logFile}, after the lines {@code earlier} kept (then closed). */
    public static RunLogging to(Path logFile, Buffered earlier) {
        earlier.close();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, earlier.text.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
        return to(logFile);
    }

    /**
     * Starts appending to {@code logFile} (created with its folders, appended to on a rerun).
     *
     * @throws UncheckedIOException naming the file if it cannot be opened for writing
     */
    public static RunLogging to(Path logFile) {
        // open it ourselves first: Log4j would print its own stack trace and hide "permission denied"
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        FirstFailure failure = new FirstFailure(logFile);
        FileAppender appender = FileAppender.newBuilder()
                .setName("experiment-file-" + System.identityHashCode(logFile))
                .withFileName(logFile.toString())
                .withAppend(true)
                .withCreateOnDemand(false)
                .setLayout(PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build())
                .setConfiguration(config)
                .setIgnoreExceptions(true)
                .build();
        if (appender == null) {
            throw new UncheckedIOException("cannot write " + logFile, new IOException("the log file cannot be opened"));
        }
        appender.setHandler(failure);
        appender.start();
        config.addAppender(appender);
        attach(config, appender);
        ctx.updateLoggers();
        return new RunLogging(appender, failure);
    }

    /** Adds {@code appender} at DEBUG to every logger (ours have additivity off, so the root alone is not enough). */
    private static void attach(Configuration config, Appender appender) {
        config.getRootLogger().addAppender(appender, Level.DEBUG, null);
        config.getLoggers().values().forEach(l -> {
            if (l != config.getRootLogger()) {
                l.addAppender(appender, Level.DEBUG, null);
            }
        });
    }

    private static void detach(Appender appender) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        ctx.updateLoggers();
        appender.stop();
    }

    /**
     * The first failure to write the log file since {@link #to} (a full disk, say), naming the
     * file; empty while every line was written.
     */
    public Optional<UncheckedIOException> failure() {
        return Optional.ofNullable(failure.first.get());
    }

    /** Detaches and closes the file; calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        detach(appender);
    }

    /**
     * Keeps the first failure of the file appender instead of printing Log4j's stack trace on the
     * console; the runner reads it through {@link #failure()} and stops with one message.
     */
    private static final class FirstFailure implements ErrorHandler {
        private final Path file;
        private final AtomicReference<UncheckedIOException> first = new AtomicReference<>();

        FirstFailure(Path file) {
            this.file = file;
        }

        @Override
        public void error(String msg) {
            keep(new IOException(msg));
        }

        @Override
        public void error(String msg, Throwable t) {
            keep(t);
        }

        @Override
        public void error(String msg, LogEvent event, Throwable t) {
            keep(t);
        }

        private void keep(Throwable t) {
            Throwable cause = t;
            while (cause != null && !(cause instanceof IOException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            IOException io = cause instanceof IOException e ? e : new IOException(t == null ? "unknown error" : t.getMessage(), t);
            first.compareAndSet(null, new UncheckedIOException("cannot write " + file, io));
        }
    }
}
