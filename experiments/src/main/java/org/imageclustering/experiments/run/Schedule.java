package org.imageclustering.experiments.run;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.experiments.plan.PlannedRun;
import org.imageclustering.experiments.folder.RunLogging;
import org.imageclustering.experiments.folder.WriteFailures;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.reporting.report.RunArtifacts;
import org.imageclustering.reporting.RunRecord;

/**
 * Runs the remaining runs of a plan, {@code parallel-runs} at a time, each on its own pool of
 * {@code threads / parallel-runs} threads, recording each run the moment it ends. Results do not
 * depend on the order runs finish in: every run's seeds are its own.
 */
final class Schedule {
    private Schedule() {
    }

    /** How many runs ended ok and how many failed. */
    record Counts(int ok, int failed) {
    }

    /**
     * Runs {@code runs}, each with {@code singleRun}, and writes each record with {@code records}.
     * When results cannot be written (a record, a run's files, or the log), no further run starts;
     * the runs in progress end, and the first such failure is thrown with how far the experiment got.
     */
    static Counts execute(ExperimentSpec spec, List<PlannedRun> runs, SingleRun singleRun, DataCache cache,
                          Consumer<RunRecord> records, RunArtifacts artifacts, ExperimentRunner.Options options,
                          RunLogging logging) {
        int parallelRuns = Math.max(1, Math.min(spec.parallelRuns(), runs.size()));
        int threadsPerRun = Math.max(1, spec.effectiveThreads() / parallelRuns);
        Progress progress = new Progress(options.out(), options.live(), runs.size(), parallelRuns);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<UncheckedIOException> writeFailure = new AtomicReference<>();
        BlockingQueue<Parallelism> pools = new ArrayBlockingQueue<>(parallelRuns);
        for (int i = 0; i < parallelRuns; i++) {
            pools.add(Parallelism.of(threadsPerRun));
        }
        ExecutorService executor = parallelRuns == 1 ? null : Executors.newFixedThreadPool(parallelRuns, r -> {
            Thread t = new Thread(r, "experiment-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : runs) {
                Runnable task = () -> {
                    logging.failure().ifPresent(f -> writeFailure.compareAndSet(null, f));
                    if (writeFailure.get() != null) {
                        return; // results cannot be written: start nothing more
                    }
                    Parallelism parallel = take(pools);
                    try {
                        progress.runStarted(run);
                        RunRecord record;
                        try {
                            record = singleRun.attempt(run, parallel, progress.listener(run), artifacts);
                        } finally {
                            cache.release(run);
                        }
                        records.accept(record);
                        (record.ok() ? ok : failed).incrementAndGet();
                        progress.runFinished(run, record);
                    } catch (UncheckedIOException e) {
                        writeFailure.compareAndSet(null, e);
                    } finally {
                        pools.add(parallel);
                    }
                };
                if (executor == null) {
                    task.run();
                } else {
                    futures.add(executor.submit(task));
                }
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            progress.finish();
            if (executor != null) {
                executor.shutdownNow();
                awaitTermination(executor);
            }
            pools.forEach(Parallelism::close);
        }
        logging.failure().ifPresent(f -> writeFailure.compareAndSet(null, f));
        UncheckedIOException first = writeFailure.get();
        if (first != null) {
            int recorded = ok.get() + failed.get();
            throw new WriteFailures.ResultsNotWrittenException(first.getMessage() + ": " + WriteFailures.reason(first)
                    + ". Stopped starting runs: " + recorded + " of " + runs.size() + " recorded in this invocation; fix the "
                    + "folder or make room, then rerun the same command to resume", first.getCause());
        }
        return new Counts(ok.get(), failed.get());
    }

    private static Parallelism take(BlockingQueue<Parallelism> pools) {
        try {
            return pools.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were executing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
