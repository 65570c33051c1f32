package org.imageclustering.spark.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own timings of the jobs run since the last {@link #reset}: each job's wall time (from
 * its start to its end event), its longest task and the bytes its tasks sent back to the driver.
 * Spark delivers these events on its listener thread; {@link #snapshot} waits until they are in.
 */
final class JobTimer extends SparkListener {
    private final Map<Integer, long[]> jobs = new LinkedHashMap<>(); // job -> {start ms, end ms}
    private final Map<Integer, Integer> stageJob = new LinkedHashMap<>();
    private final Map<Integer, long[]> jobTasks = new LinkedHashMap<>(); // job -> {longest task ms, result bytes}

    synchronized void reset() {
        jobs.clear();
        stageJob.clear();
        jobTasks.clear();
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobs.put(start.jobId(), new long[] {start.time(), -1});
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
            stageJob.put((Integer) stage, start.jobId());
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        long[] t = jobs.get(end.jobId());
        if (t != null) {
            t[1] = end.time();
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        Integer job = stageJob.get(end.stageId());
        if (job == null || end.taskMetrics() == null) {
            return;
        }
        long[] t = jobTasks.computeIfAbsent(job, j -> new long[2]);
        t[0] = Math.max(t[0], end.taskInfo().duration());
        t[1] += end.taskMetrics().resultSize();
    }

    /** The jobs since the last reset, once Spark has delivered their events. */
    Snapshot snapshot(SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(60_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listener events did not arrive within a minute", e);
        }
        synchronized (this) {
            List<long[]> out = new ArrayList<>();
            for (Map.Entry<Integer, long[]> e : jobs.entrySet()) {
                long[] tasks = jobTasks.getOrDefault(e.getKey(), new long[2]);
                out.add(new long[] {e.getValue()[1] - e.getValue()[0], tasks[0], tasks[1]});
            }
            return new Snapshot(out);
        }
    }

    /** Per job: wall ms, longest task ms, result bytes. */
    record Snapshot(List<long[]> jobs) {
        double medianJobMs() {
            return median(0);
        }

        double medianLongestTaskMs() {
            return median(1);
        }

        double medianResultBytes() {
            return median(2);
        }

        private double median(int field) {
            if (jobs.isEmpty()) {
                return Double.NaN;
            }
            double[] v = jobs.stream().mapToDouble(j -> j[field]).sorted().toArray();
            return v[v.length / 2];
        }
    }
}
