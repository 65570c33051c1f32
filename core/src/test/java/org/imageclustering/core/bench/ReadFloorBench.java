package org.imageclustering.core.bench;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.imageclustering.core.matrix.Parallelism;

/**
 * The memory floor of one Lloyd pass over Fashion-MNIST train: the time to read 60,000 x 784
 * floats once, summed with SIMD over two threads (best of 30). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * org.imageclustering.core.bench.ReadFloorBench}.
 */
public final class ReadFloorBench {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private ReadFloorBench() {
    }

    public static void main(String[] args) {
        int n = 60_000 * 784;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 255) / 255f;
        }
        double best = Double.POSITIVE_INFINITY;
        double sink = 0;
        try (Parallelism p = Parallelism.of(2)) {
            for (int rep = 0; rep < 30; rep++) {
                long t0 = System.nanoTime();
                sink += p.mapReduce(n, n / 2, (s, e) -> (double) sum(x, s, e), 0.0, Double::sum);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "read %d MB with 2 threads: best of 30 %.1f ms (%.1f GB/s)%s%n",
                (long) n * 4 / 1_000_000, best, n * 4 / best / 1e6, sink == 42 ? " " : "");
    }

    private static float sum(float[] x, int s, int e) {
        FloatVector acc = FloatVector.zero(F);
        int i = s;
        for (; i + F.length() <= e; i += F.length()) {
            acc = acc.add(FloatVector.fromArray(F, x, i));
        }
        float r = acc.reduceLanes(VectorOperators.ADD);
        for (; i < e; i++) {
            r += x[i];
        }
        return r;
    }
}
