package org.imageclustering.core.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;

/**
 * Where one whole k-means fit spends its time, by iteration: Fashion-MNIST train, the k-means++
 * start of the side-by-side harness (seed 42), 2 threads, the variant given, fitted four times in
 * one JVM (the first is cold); prints each fit's seconds, the sums over iteration ranges and the
 * distance computations. Usage: {@code java --add-modules jdk.incubator.vector -cp
 * core/target/classes:core/target/test-classes org.imageclustering.core.bench.KMeansTraceBench
 * <fashion-mnist-folder> <k> <lloyd|hamerly|elkan>}; add {@code -XX:StartFlightRecording=filename=fit.jfr}
 * for a profile.
 */
public final class KMeansTraceBench {
    private KMeansTraceBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        FloatMatrix x = BenchData.fashionMnist(Path.of(args[0]), "train");
        int k = Integer.parseInt(args[1]);
        KMeansVariant variant = KMeansVariant.fromName(args[2]);
        try (Parallelism p = Parallelism.of(2)) {
            FloatMatrix start = Initializers.kMeansPlusPlus(x, k, 42, p);
            KMeansOptions options = KMeansOptions.defaults(k).withVariant(variant);
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                Clustering c = new KMeans(options).fitFrom(x, start, new FitContext(1, p, FitListener.NONE));
                double seconds = (System.nanoTime() - t0) / 1e9;
                List<IterationTrace> t = c.trace();
                double[] ms = t.stream().mapToDouble(it -> it.nanos() / 1e6).toArray();
                double[] late = java.util.Arrays.copyOfRange(ms, Math.min(60, ms.length), ms.length);
                java.util.Arrays.sort(late);
                System.out.printf("fit %d%s: %.3f s, %d iterations; ms in iterations 1-2 %.0f, 3-20 %.0f, 21-60 %.0f,"
                        + " 61+ %.0f (median %.1f); outside the iterations %.0f; distance computations %s%n",
                        rep + 1, rep == 0 ? " (cold)" : "", seconds, c.iterations(), sum(ms, 0, 2), sum(ms, 2, 20),
                        sum(ms, 20, 60), sum(ms, 60, ms.length), late.length == 0 ? 0 : late[late.length / 2],
                        seconds * 1e3 - sum(ms, 0, ms.length), c.diagnostics().get("distance_computations"));
            }
        }
    }

    private static double sum(double[] ms, int from, int to) {
        double s = 0;
        for (int i = from; i < Math.min(to, ms.length); i++) {
            s += ms[i];
        }
        return s;
    }
}
