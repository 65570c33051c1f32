package org.imageclustering.spark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.kmeans.ToleranceMode;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.spark.kmeans.DistributedKMeans;
import org.imageclustering.spark.kmeans.RowGenerator;

/**
 * Scale: k-means over seeded synthetic rows made on the executors, at several sizes, with the
 * driver's heap watched. Prints one line per size: rows, data bytes, the driver's maximum heap,
 * its peak used heap while fitting and its live heap after the fit (after a full GC), and the
 * times (spreading and summarising the data, each iteration).
 *
 * <p>Usage: {@code ScaleBench <master> <cols> <k> <iterations> <partitions> <rows> [<rows> ...]}.
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    /** Twenty Gaussian blobs in {@code cols} dimensions; row {@code i} from {@code i} alone. */
    static RowGenerator blobs(int cols) {
        return (i, out) -> {
            SplittableRandom r = new SplittableRandom(0x5EEDL ^ i * 0x9E3779B97F4A7C15L);
            int blob = (int) (i % 20);
            for (int j = 0; j < out.length; j++) {
                out[j] = (float) (((blob * 7 + j) % 20 == 0 ? 6.0 : 0.0) + r.nextGaussian());
            }
        };
    }

    public static void main(String[] args) throws Exception {
        String master = args[0];
        int cols = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        int partitions = Integer.parseInt(args[4]);
        SparkSession session = SparkSession.builder().master(master).appName("imageclustering scale bench")
                .config("spark.ui.enabled", "false").config("spark.locality.wait", "10s")
                .config("spark.task.maxDirectResultSize", "64m").getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.println("rows\tdata_MB\tdriver_max_heap_MB\tdriver_peak_used_MB\tdriver_live_after_MB\tsetup_s"
                + "\tms_per_iteration\titerations\tdistortion");
        try (Parallelism parallel = Parallelism.of(1)) {
            for (int a = 5; a < args.length; a++) {
                long rows = Long.parseLong(args[a]);
                System.gc();
                AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                watcher.setDaemon(true);
                watcher.start();
                KMeansOptions options = KMeansOptions.defaults(k).withVariant(KMeansVariant.LLOYD)
                        .withMaxIterations(iterations).withTolerance(0, ToleranceMode.CENTER_SHIFT);
                long t0 = System.nanoTime();
                Clustering c;
                try (DistributedKMeans kmeans = new DistributedKMeans(sc, partitions)) {
                    c = kmeans.fit(new DistributedKMeans.MadeRows(rows, cols, blobs(cols)), options,
                            new FitContext(42, parallel, FitListener.NONE));
                }
                long t1 = System.nanoTime();
                watcher.interrupt();
                watcher.join();
                System.gc();
                long live = memory.getHeapMemoryUsage().getUsed();
                double iterationMs = c.trace().stream().skip(1).mapToLong(t -> t.nanos()).average().orElse(0) / 1e6;
                double setup = (t1 - t0) / 1e9 - c.trace().stream().mapToLong(t -> t.nanos()).sum() / 1e9;
                System.out.printf(Locale.ROOT, "%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.2f\t%.1f\t%d\t%.6e%n", rows,
                        rows * cols * 4 / 1e6, maxHeap / 1e6, peak.get() / 1e6, live / 1e6, setup, iterationMs,
                        c.iterations(), c.distortion());
            }
        } finally {
            session.stop();
        }
    }
}
