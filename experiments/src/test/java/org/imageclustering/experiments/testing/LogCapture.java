package org.imageclustering.experiments.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Collects every log line (level and message) while open, as the console would show them. */
public final class LogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final WriterAppender appender;

    public LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.identityHashCode(this)).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%-5level %msg%n").withConfiguration(config).build())
                .setConfiguration(config).build();
        appender.start();
        config.getRootLogger().addAppender(appender, Level.DEBUG, null);
        config.getLoggers().values().forEach(l -> {
            if (l != config.getRootLogger()) {
                l.addAppender(appender, Level.DEBUG, null);
            }
        });
        ctx.updateLoggers();
    }

    /** Everything logged so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        ctx.updateLoggers();
        appender.stop();
    }
}
