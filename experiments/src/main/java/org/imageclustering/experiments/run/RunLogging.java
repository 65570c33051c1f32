package org.imageclustering.experiments.run;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
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
    private boolean closed;

    private RunLogging(FileAppender appender) {
        this.appender = appender;
    }

    /** Starts appending to {@code logFile} (created with its folders, appended to on a rerun). */
    public static RunLogging to(Path logFile) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        FileAppender appender = FileAppender.newBuilder()
                .setName("experiment-file-" + System.identityHashCode(logFile))
                .withFileName(logFile.toString())
                .withAppend(true)
                .withCreateOnDemand(false)
                .setLayout(PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build())
                .setConfiguration(config)
                .build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.DEBUG, null);
        config.getLoggers().values().forEach(l -> {
            if (l != config.getRootLogger()) {
                l.addAppender(appender, Level.DEBUG, null);
            }
        });
        ctx.updateLoggers();
        return new RunLogging(appender);
    }

    /** Detaches and closes the file; calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        ctx.updateLoggers();
        appender.stop();
    }
}
