package org.imageclustering.core.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.RowBlocks;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.kmeans.Initializers;

/**
 * Lloyd's assignment pass at small K with and without the row-lane kernel: Fashion-MNIST train, the
 * k-means++ start of the side-by-side harness (seed 42), chunks of 1,024 rows; prints the median
 * of 30 passes of {@link SquaredEuclidean#assign} and {@link
 * SquaredEuclidean#assignRowLanes} (without and with row blocks), the
 * one-off cost of the copy, and how many labels and distances differ in bits (must be 0). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * org.imageclustering.core.bench.RowLanesKernelBench <fashion-mnist-folder> [k=10] [rows=60000]
 * [threads=2]}. With fewer rows (the first ones; 2,048 rows are 6 MB) the data stays in the
 * caches and each pass is repeated so that every median covers 30 x 60,000 rows: the pass's cost
 * without the memory traffic, in the printed nanoseconds per row.
 */
public final class RowLanesKernelBench {
    private static final int CHUNK_ROWS = 1024;
    private static final int PASSES = 30;

    private RowLanesKernelBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        FloatMatrix all = BenchData.fashionMnist(Path.of(args[0]), "train");
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int n = args.length > 2 ? Math.min(all.rows(), Integer.parseInt(args[2])) : all.rows();
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        FloatMatrix x = FloatMatrix.wrap(n, all.cols(), Arrays.copyOf(all.data(), n * all.cols()));
        int repeats = Math.max(1, all.rows() / n);
        try (Parallelism p = Parallelism.of(threads)) {
            // the start is seeded from all rows, so that it does not depend on how many are timed
            FloatMatrix start = Initializers.kMeansPlusPlus(all, k, 42, p);
            Centers centers = Centers.of(start);
            double[] norms = SquaredEuclidean.squaredNorms(x, p);
            long c0 = System.nanoTime();
            RowBlocks blocks = RowBlocks.of(x, p);
            double copyMs = (System.nanoTime() - c0) / 1e6;
            int[] packedLabels = new int[n];
            double[] packedDist = new double[n];
            int[] laneLabels = new int[n];
            double[] laneDist = new double[n];
            double[] packedMs = new double[PASSES];
            double[] laneMs = new double[PASSES];
            for (int rep = 0; rep < PASSES; rep++) {
                long t0 = System.nanoTime();
                for (int again = 0; again < repeats; again++) {
                    p.forEach(n, CHUNK_ROWS, (s, e) -> SquaredEuclidean.assign(x, norms, s, e, centers, packedLabels,
                            packedDist));
                }
                packedMs[rep] = (System.nanoTime() - t0) / 1e6 / repeats;
                t0 = System.nanoTime();
                for (int again = 0; again < repeats; again++) {
                    p.forEach(n, CHUNK_ROWS, (s, e) -> SquaredEuclidean.assignRowLanes(x, blocks, norms, s, e, centers, laneLabels,
                            laneDist));
                }
                laneMs[rep] = (System.nanoTime() - t0) / 1e6 / repeats;
            }
            long differing = 0;
            for (int i = 0; i < n; i++) {
                boolean same = packedLabels[i] == laneLabels[i]
                        && Double.doubleToLongBits(packedDist[i]) == Double.doubleToLongBits(laneDist[i]);
                differing += same ? 0 : 1;
            }
            System.out.printf("K=%d assignment pass over %d rows, %d threads, median of %d: packed kernel %.2f ms"
                    + " (%.0f ns per row), row-lane kernel %.2f ms (%.0f ns per row, %.2fx); rows differing in label or"
                    + " distance bits: %d of %d; one-off copy %.0f ms%n",
                    k, n, threads, PASSES, median(packedMs), median(packedMs) * 1e6 / n, median(laneMs),
                    median(laneMs) * 1e6 / n, median(packedMs) / median(laneMs), differing, n, copyMs);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
