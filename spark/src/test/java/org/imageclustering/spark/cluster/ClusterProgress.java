package org.imageclustering.spark.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Follows the driver's jobs ({@code spark.extraListeners}) to say when a fit is under way: after
 * the first run of the experiment is recorded, the moment the next run starts its second
 * assignment pass. A k-means run is one job per pass ({@code collect at SparkBlocks}) and ends
 * with one that drops its block states ({@code foreachPartition at SparkBlocks}). Static, since
 * Spark makes the listener itself; one armed use at a time.
 */
public final class ClusterProgress extends SparkListener {
    private static volatile Path runsFile;
    private static volatile CountDownLatch secondPass = new CountDownLatch(1);
    private static final AtomicInteger EXECUTORS_REMOVED = new AtomicInteger();
    private static final AtomicInteger TASKS_FAILED = new AtomicInteger();

    private int passesInRun;

    public ClusterProgress() {
        // made by Spark
    }

    /** Starts watching for a second pass of a run that begins after {@code runs} has a record. */
    static CountDownLatch arm(Path runs) {
        runsFile = runs;
        secondPass = new CountDownLatch(1);
        EXECUTORS_REMOVED.set(0);
        TASKS_FAILED.set(0);
        return secondPass;
    }

    static int executorsRemoved() {
        return EXECUTORS_REMOVED.get();
    }

    static int tasksFailed() {
        return TASKS_FAILED.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String name = job.stageInfos().isEmpty() ? "" : ((StageInfo) job.stageInfos().head()).name();
        if (!name.contains("SparkBlocks")) {
            return;
        }
        if (name.startsWith("foreachPartition")) {
            passesInRun = 0; // a run ended
        } else if (name.startsWith("collect") && ++passesInRun == 2 && recorded()) {
            secondPass.countDown();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        EXECUTORS_REMOVED.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (!task.taskInfo().successful()) {
            TASKS_FAILED.incrementAndGet();
        }
    }

    private static boolean recorded() {
        Path runs = runsFile;
        try {
            return runs != null && Files.exists(runs) && Files.size(runs) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
