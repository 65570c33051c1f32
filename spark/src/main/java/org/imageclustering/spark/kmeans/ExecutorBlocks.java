package org.imageclustering.spark.kmeans;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.imageclustering.core.kmeans.KMeansBlock;

/**
 * The block states of the k-means runs on this executor (a static map: Spark keeps no per-task
 * state of its own), by run and block. Only the most recent runs are kept; an older run's blocks
 * are dropped when a newer one starts here, and a run that asks again after that only replays
 * ({@link BlockState}). Runs end with {@link #forget}.
 */
final class ExecutorBlocks {
    /** Runs whose blocks this executor keeps at most: enough for the runs of one experiment that run at once. */
    static final int MAX_RUNS = 8;

    private static final Map<String, Map<Integer, BlockState>> RUNS = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, BlockState>> eldest) {
            return size() > MAX_RUNS;
        }
    };

    private ExecutorBlocks() {
    }

    /** The state of block {@code block} of run {@code run}, made by {@code fresh} when there is none. */
    static BlockState state(String run, int block, Supplier<KMeansBlock> fresh) {
        synchronized (RUNS) {
            return RUNS.computeIfAbsent(run, r -> new LinkedHashMap<>())
                    .computeIfAbsent(block, b -> new BlockState(fresh));
        }
    }

    /** Drops the blocks of run {@code run}. */
    static void forget(String run) {
        synchronized (RUNS) {
            RUNS.remove(run);
        }
    }

    /** Drops every block state here, as a lost executor loses them (for tests). */
    static void forgetAll() {
        synchronized (RUNS) {
            RUNS.clear();
        }
    }

    /** The runs whose blocks are kept here (for tests). */
    static int runsKept() {
        synchronized (RUNS) {
            return RUNS.size();
        }
    }
}
