package org.imageclustering.core.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;
import org.imageclustering.core.kmeans.Initializers;

/**
 * Lloyd's assignment pass at small K with and without the row-lane kernel: Fashion-MNIST train, the
 * k-means++ start of the side-by-side harness (seed 42), 2 threads, chunks of 1,024 rows; prints
 * the median of 30 passes of {@link SquaredEuclidean#assign(FloatMatrix, SquaredEuclidean.RowBlocks,
 * double[], int, int, SquaredEuclidean.Centers, int[], double[])} without and with row blocks, the
 * one-off cost of the copy, and how many labels and distances differ in bits (must be 0). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * org.imageclustering.core.bench.RowLanesKernelBench <fashion-mnist-folder> [k=10]}.
 */
public final class RowLanesKernelBench {
    private static final int CHUNK_ROWS = 1024;
    private static final int PASSES = 30;

    private RowLanesKernelBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        FloatMatrix x = BenchData.fashionMnist(Path.of(args[0]), "train");
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int n = x.rows();
        try (Parallelism p = Parallelism.of(2)) {
            FloatMatrix start = Initializers.kMeansPlusPlus(x, k, 42, p);
            SquaredEuclidean.Centers centers = SquaredEuclidean.Centers.of(start);
            double[] norms = SquaredEuclidean.squaredNorms(x, p);
            long c0 = System.nanoTime();
            SquaredEuclidean.RowBlocks blocks = SquaredEuclidean.RowBlocks.of(x, p);
            double copyMs = (System.nanoTime() - c0) / 1e6;
            int[] packedLabels = new int[n];
            double[] packedDist = new double[n];
            int[] laneLabels = new int[n];
            double[] laneDist = new double[n];
            double[] packedMs = new double[PASSES];
            double[] laneMs = new double[PASSES];
            for (int rep = 0; rep < PASSES; rep++) {
                long t0 = System.nanoTime();
                p.forEach(n, CHUNK_ROWS, (s, e) -> SquaredEuclidean.assign(x, null, norms, s, e, centers, packedLabels, packedDist));
                packedMs[rep] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                p.forEach(n, CHUNK_ROWS, (s, e) -> SquaredEuclidean.assign(x, blocks, norms, s, e, centers, laneLabels, laneDist));
                laneMs[rep] = (System.nanoTime() - t0) / 1e6;
            }
            long differing = 0;
            for (int i = 0; i < n; i++) {
                boolean same = packedLabels[i] == laneLabels[i]
                        && Double.doubleToLongBits(packedDist[i]) == Double.doubleToLongBits(laneDist[i]);
                differing += same ? 0 : 1;
            }
            System.out.printf("K=%d assignment pass, 2 threads, median of %d: packed kernel %.2f ms, row-lane kernel"
                    + " %.2f ms (%.2fx); rows differing in label or distance bits: %d of %d; one-off copy %.0f ms%n",
                    k, PASSES, median(packedMs), median(laneMs), median(packedMs) / median(laneMs), differing, n, copyMs);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
