package org.imageclustering.core.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;

/**
 * Deterministic data parallelism: work over {@code [0, n)} is cut into chunks whose boundaries
 * depend only on {@code n} and the chunk size, never on the thread count, and partial results are
 * combined in chunk order. Floating-point sums therefore come out bit-identical at 1, 2 or 8 threads.
 *
 * <p>Threads are daemons, so a forgotten instance cannot keep {@code mvn exec:java} alive; still,
 * close it when done. One thread means everything runs inline on the caller.
 */
public final class Parallelism implements AutoCloseable {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final int threads;
    private final ExecutorService executor;

    private Parallelism(int threads) {
        this.threads = threads;
        if (threads == 1) {
            this.executor = null;
        } else {
            int pool = POOL_COUNTER.incrementAndGet();
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "imageclustering-" + pool + "-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // the caller is the other worker (see map)
            this.executor = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    /** A pool of {@code threads} workers ({@code >= 1}). */
    public static Parallelism of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return new Parallelism(threads);
    }

    /** Everything inline on the calling thread. */
    public static Parallelism sequential() {
        return new Parallelism(1);
    }

    /** One worker per available processor. */
    public static Parallelism availableProcessors() {
        return of(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** Work on the half-open range {@code [start, end)} that yields a partial result. */
    @FunctionalInterface
    public interface RangeTask<P> {
        P apply(int start, int end);
    }

    /** Work on the half-open range {@code [start, end)} that writes disjoint outputs. */
    @FunctionalInterface
    public interface RangeAction {
        void run(int start, int end);
    }

    /** The number of chunks {@code [0, n)} is cut into. */
    public static int chunkCount(int n, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
        return n == 0 ? 0 : (n - 1) / chunkSize + 1;
    }

    /**
     * Runs {@code task} on every chunk and returns the partial results in chunk order.
     *
     * <p>The calling thread works too: it and up to {@code threads - 1} pool workers claim chunks
     * from a shared counter until none is left, and the caller then waits once for the chunks still
     * running. (A future per chunk cost a thread wake-up per chunk, about a quarter of a millisecond
     * per call with 59 short chunks on 2 cores, which a k-means iteration pays twice.) A worker that
     * starts after every chunk is claimed returns at once, so a task may itself call this method
     * without waiting for a free worker. When tasks throw, the first failing chunk's exception is
     * rethrown after all chunks have finished.
     */
    public <P> List<P> map(int n, int chunkSize, RangeTask<P> task) {
        int chunks = chunkCount(n, chunkSize);
        List<P> results = new ArrayList<>(chunks);
        if (executor == null || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                int start = c * chunkSize;
                results.add(task.apply(start, Math.min(n, start + chunkSize)));
            }
            return results;
        }
        Object[] partials = new Object[chunks];
        Throwable[] failures = new Throwable[chunks];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(chunks);
        Runnable claimChunks = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int start = c * chunkSize;
                try {
                    partials[c] = task.apply(start, Math.min(n, start + chunkSize));
                } catch (Throwable t) {
                    failures[c] = t;
                } finally {
                    finished.countDown();
                }
            }
        };
        int helpers = Math.min(threads - 1, chunks - 1);
        for (int h = 0; h < helpers; h++) {
            executor.execute(claimChunks);
        }
        claimChunks.run();
        awaitChunks(finished);
        for (int c = 0; c < chunks; c++) {
            rethrow(failures[c]);
        }
        for (Object partial : partials) {
            @SuppressWarnings("unchecked")
            P p = (P) partial;
            results.add(p);
        }
        return results;
    }

    /**
     * Runs {@code task} on every chunk and folds the partials left to right in chunk order;
     * {@code identity} is returned for an empty range.
     */
    public <P> P mapReduce(int n, int chunkSize, RangeTask<P> task, P identity, BinaryOperator<P> combine) {
        P acc = identity;
        for (P p : map(n, chunkSize, task)) {
            acc = combine.apply(acc, p);
        }
        return acc;
    }

    /** Runs {@code action} on every chunk; the chunks must write disjoint outputs. */
    public void forEach(int n, int chunkSize, RangeAction action) {
        map(n, chunkSize, (s, e) -> {
            action.run(s, e);
            return Boolean.TRUE;
        });
    }

    /**
     * Waits for the chunks still running (they write into shared arrays, so they are never
     * abandoned); an interrupt that arrived meanwhile then ends the call, as it would any wait.
     */
    private static void awaitChunks(CountDownLatch finished) {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel chunk");
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(failure);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
