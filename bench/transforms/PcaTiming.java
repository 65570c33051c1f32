import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.features.PcaMethod;
import org.imageclustering.features.PcaModel;
import org.imageclustering.features.PcaOptions;
import org.imageclustering.features.PcaTransform;
import org.imageclustering.loader.Dataset;

/**
 * Times PCA by both solvers on one matrix and compares what they find.
 * Usage: PcaTiming <fashion-mnist-dir | cifar-shaped:fashion-mnist-dir> <components> <threads> <methods, e.g. randomized,covariance>
 */
public class PcaTiming {
    public static void main(String[] a) throws Exception {
        Dataset ds = a[0].startsWith("cifar-shaped:") ? cifarShaped(Path.of(a[0].substring(13))) : FeatureBench.readIdx(
                Path.of(a[0]).resolve("train-images-idx3-ubyte.gz"), Path.of(a[0]).resolve("train-labels-idx1-ubyte.gz"), 0);
        int k = Integer.parseInt(a[1]);
        int threads = Integer.parseInt(a[2]);
        String[] methods = a[3].split(",");
        try (Parallelism p = Parallelism.of(threads)) {
            // warm the JIT on a small slice so the first timed solver is not penalised
            Dataset warm = ds.select(java.util.stream.IntStream.range(0, 3000).toArray());
            for (String m : methods) {
                new PcaTransform(PcaOptions.components(Math.min(k, 50)).withMethod(PcaMethod.fromName(m))).fit(warm,
                        new FitContext(1, p, FitListener.NONE));
            }
            double[] first = null;
            for (String m : methods) {
                PcaOptions o = PcaOptions.components(k).withMethod(PcaMethod.fromName(m));
                long t0 = System.nanoTime();
                long cpu0 = FeatureBench.cpuNanos();
                PcaModel model = new PcaTransform(o).fit(ds, new FitContext(7, p, FitListener.NONE));
                double fit = (System.nanoTime() - t0) / 1e9;
                double fitCpu = (FeatureBench.cpuNanos() - cpu0) / 1e9;
                t0 = System.nanoTime();
                model.apply(ds, p);
                double apply = (System.nanoTime() - t0) / 1e9;
                double[] ev = model.variances();
                double captured = java.util.Arrays.stream(ev).sum();
                double ratio = java.util.Arrays.stream(model.explainedVarianceRatio()).sum();
                String vsFirst = "";
                if (first == null) {
                    first = ev;
                } else {
                    vsFirst = String.format(" captured/first=%.5f last-eigenvalue/first's=%.4f", captured / java.util.Arrays.stream(first).sum(), ev[k - 1] / first[k - 1]);
                }
                System.out.printf("%s %d x %d -> %d, %s, %d threads: fit %.2f s (%.2f s CPU), transform %.2f s, explained variance %.4f%s; load %s%n",
                        ds.name(), ds.size(), ds.features().cols(), k, m, threads, fit, fitCpu, apply, ratio, vsFirst,
                        new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).split(" ")[0]);
            }
        }
    }

    /**
     * A stand-in of CIFAR-10's shape built from real images: each Fashion-MNIST image bilinearly
     * resized to 32 x 32 is the red channel, its mirror image the green one, its upside-down image
     * the blue one, plus a little pixel noise (so no direction has zero variance).
     */
    static Dataset cifarShaped(Path dir) throws Exception {
        Dataset f = FeatureBench.readIdx(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 0);
        Dataset small = new org.imageclustering.features.ResizeTransform(
                new org.imageclustering.features.ResizeOptions(32, 32)).fit(f, org.imageclustering.core.FitContext.of(1)).apply(f);
        int n = small.size();
        float[] s = small.features().data();
        float[] x = new float[n * 3072];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 32; y++) {
                for (int c = 0; c < 32; c++) {
                    float v = s[i * 1024 + y * 32 + c];
                    x[i * 3072 + y * 32 + c] = v + (float) (0.01 * rng.nextGaussian());
                    x[i * 3072 + 1024 + y * 32 + (31 - c)] = v + (float) (0.01 * rng.nextGaussian());
                    x[i * 3072 + 2048 + (31 - y) * 32 + c] = v + (float) (0.01 * rng.nextGaussian());
                }
            }
        }
        return new Dataset("cifar-shaped", FloatMatrix.wrap(n, 3072, x), null, List.of(), null, List.of());
    }
}
