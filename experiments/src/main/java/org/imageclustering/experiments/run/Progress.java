package org.imageclustering.experiments.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.folder.RunLogging;
import org.imageclustering.reporting.RunRecord;

/**
 * Reports progress over the runs of an experiment: one log line per finished run always, and on a
 * terminal a live bar with the current runs' iteration and distortion and an ETA.
 *
 * <p>The bar is redrawn in place with a carriage return; log lines on the console start with
 * "carriage return, erase line" (see {@link RunLogging#CONSOLE_PREFIX_PROPERTY}) so that they
 * replace the bar instead of being glued to it, and the bar is drawn again after them.
 */
public final class Progress {
    private static final Logger LOG = LogManager.getLogger(Progress.class);
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean live;
    private final int total;
    private final int parallelRuns;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong lastDraw = new AtomicLong();
    private final Map<Integer, String> current = new ConcurrentHashMap<>();
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();

    /**
     * @param out           where the live bar goes
     * @param live          draw the bar (true when a person is watching a terminal)
     * @param total         runs to execute in this invocation
     * @param parallelRuns  runs at a time (for the ETA)
     */
    public Progress(PrintStream out, boolean live, int total, int parallelRuns) {
        this.out = out;
        this.live = live;
        this.total = total;
        this.parallelRuns = parallelRuns;
    }

    /** Whether a person is watching: the JVM has a console. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void runStarted(PlannedRun run) {
        started.put(run.index(), System.nanoTime());
        current.put(run.index(), run.label());
        draw(false);
    }

    /** A listener that shows the run's iterations on the bar. */
    public FitListener listener(PlannedRun run) {
        if (!live) {
            return FitListener.NONE;
        }
        String label = run.label();
        return (IterationTrace t) -> {
            current.put(run.index(), String.format(Locale.ROOT, "%s: iteration %d, distortion %.6g", label, t.iteration(),
                    t.distortion()));
            draw(false);
        };
    }

    public void runFinished(PlannedRun run, RunRecord record) {
        Long t0 = started.remove(run.index());
        long nanos = t0 == null ? 0 : System.nanoTime() - t0;
        busyNanos.addAndGet(nanos);
        current.remove(run.index());
        int n = done.incrementAndGet();
        if (!record.ok()) {
            failed.incrementAndGet();
        }
        clearLine();
        if (record.ok()) {
            LOG.info("[{}/{}] {} {}: {} ({})", n, total, record.runId(), run.label(), headline(record), seconds(nanos));
        } else {
            LOG.error("[{}/{}] {} {}: FAILED: {}", n, total, record.runId(), run.label(), record.error());
        }
        draw(true);
    }

    /** Removes the bar before the final output. */
    public void finish() {
        clearLine();
    }

    /** The first split's metrics (train, normally) and the iterations; the full record is in runs.jsonl. */
    private static String headline(RunRecord r) {
        StringBuilder sb = new StringBuilder();
        r.metrics().entrySet().stream().findFirst().ifPresent(split -> {
            sb.append(split.getKey()).append(':');
            split.getValue().forEach((name, v) -> sb.append(' ').append(name).append('=')
                    .append(String.format(Locale.ROOT, "%.4g", v)));
            sb.append(", ");
        });
        return sb.append(r.iterations()).append(" iterations").toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Estimated time left: mean run time so far x runs left / runs at a time. */
    Duration eta() {
        int n = done.get();
        if (n == 0) {
            return null;
        }
        double perRun = busyNanos.get() / (double) n;
        return Duration.ofNanos((long) (perRun * (total - n) / parallelRuns));
    }

    private void draw(boolean force) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        long last = lastDraw.get();
        if (!force && now - last < REDRAW_NANOS || !lastDraw.compareAndSet(last, now)) {
            return;
        }
        int n = done.get();
        int filled = total == 0 ? BAR_WIDTH : n * BAR_WIDTH / total;
        Duration eta = eta();
        String running = current.values().stream().findFirst().orElse("");
        String line = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + n + "/" + total
                + (failed.get() > 0 ? " (" + failed.get() + " failed)" : "")
                + (eta == null ? "" : " ETA " + format(eta)) + (running.isEmpty() ? "" : " | " + running);
        int width = terminalWidth();
        if (line.length() >= width) {
            line = line.substring(0, width - 1); // a wrapped bar could not be redrawn in place
        }
        synchronized (out) {
            out.print("\r\u001b[K" + line);
            out.flush();
        }
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else 100. */
    private static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 100 : Math.max(20, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private void clearLine() {
        if (live) {
            synchronized (out) {
                out.print("\r\u001b[K");
                out.flush();
            }
        }
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
