package org.imageclustering.experiments.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.reporting.AtomicFiles;
import org.imageclustering.reporting.RunLog;

/**
 * The life of an experiment's results folder during one invocation: claimed (locked) before the
 * data loads when it exists, then, once everything has been validated, moved aside
 * ({@code -Dfresh}) and created, its leftovers and unusable run records cleared, and its lock held
 * until {@link #close}. Nothing is created or moved before {@link #open}.
 */
public final class ResultsFolder implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ResultsFolder.class);

    private final Path dir;
    private final Path configFile;
    private ResultsLock lock;
    /** The lock of a folder moved aside by {@code -Dfresh}: held to the end, so nobody takes the moved folder meanwhile. */
    private ResultsLock replaced;

    private ResultsFolder(Path dir, Path configFile, ResultsLock lock) {
        this.dir = dir;
        this.configFile = configFile;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} if it exists, so that a second invocation on it is refused at once, before
     * any data loads.
     *
     * @throws ResultsLock.FolderInUseException if another invocation holds it
     */
    public static ResultsFolder claim(Path dir, Path configFile) throws IOException {
        return new ResultsFolder(dir, configFile, Files.exists(dir) ? ResultsLock.acquire(dir, configFile) : null);
    }

    /**
     * Makes the folder ready for writing: with {@code fresh}, moves an existing one aside as
     * {@code <dir>.replaced-<time>}; creates it with its {@code logs} folder; holds its lock.
     */
    public void open(boolean fresh) throws IOException {
        if (lock == null && Files.exists(dir)) {
            lock = ResultsLock.acquire(dir, configFile); // another invocation created it while we loaded
        }
        if (fresh && lock != null) {
            archive();
            lock.folderMoved();
            replaced = lock;
            lock = null;
        }
        createFolder(logFile().getParent());
        if (lock == null) {
            lock = ResultsLock.acquire(dir, configFile);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The folder's log file, {@code logs/run.log}. */
    public Path logFile() {
        return dir.resolve("logs").resolve("run.log");
    }

    /**
     * Deletes the temporary files an interrupted invocation left in the folder; returns how many.
     * Call with the lock held.
     */
    public int deleteLeftovers() {
        return AtomicFiles.deleteLeftovers(dir);
    }

    /**
     * Reads {@code runs.jsonl}, warning about each line that is not a record, and takes out of it
     * what is not a finished run (failed records, whose runs are retried, and those lines).
     *
     * @return the records as read, before anything was taken out
     */
    public RunLog.Contents tidyRunLog() {
        RunLog log = RunLog.in(dir);
        RunLog.Contents contents = log.read();
        contents.skipped().forEach(LOG::warn);
        int removed = log.keepFinished(contents);
        if (removed > 0) {
            LOG.info("Retrying {} failed run(s); their records were taken out of {}", removed, log.file());
        }
        if (!contents.skipped().isEmpty()) {
            LOG.info("Took {} line(s) that are not run records out of {}; their runs run again", contents.skipped().size(),
                    log.file());
        }
        return contents;
    }

    /** Records why an experiment stopped, stack trace included, in the log file (the console gets one line). */
    public void logStopped(Throwable e) {
        if (Files.isDirectory(logFile().getParent())) {
            try (RunLogging again = RunLogging.to(logFile())) {
                LOG.debug("Experiment stopped", e);
            } catch (UncheckedIOException cannotLog) {
                // the log cannot be written either (the cause of the stop, most likely): the console has the message
            }
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    private void archive() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path aside = dir.resolveSibling(dir.getFileName() + ".replaced-" + stamp);
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("-Dfresh=true: cannot move " + dir + " aside to " + aside, e);
        }
        LOG.info("-Dfresh=true: moved the previous results to {}", aside);
    }

    /** Creates {@code folder} with its parents, naming it and the cause if that fails. */
    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results folder " + folder, e);
        }
    }
}
