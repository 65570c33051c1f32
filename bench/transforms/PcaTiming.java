import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.transform.PcaMethod;
import org.imageclustering.loader.transform.PcaModel;
import org.imageclustering.loader.transform.PcaOptions;
import org.imageclustering.loader.transform.PcaTransform;

/**
 * Times PCA by both solvers on one matrix and compares what they find.
 * Usage: PcaTiming <fashion-mnist-dir | synthetic:ROWSxCOLS> <components> <threads> <methods, e.g. randomized,covariance>
 */
public class PcaTiming {
    public static void main(String[] a) throws Exception {
        Dataset ds = a[0].startsWith("synthetic:") ? synthetic(a[0].substring(10)) : FeatureBench.readIdx(
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

    /** 60,000-row stand-in for CIFAR-10: smooth random images (a few hundred latent factors of decaying scale) plus pixel noise. */
    static Dataset synthetic(String size) {
        int n = Integer.parseInt(size.split("x")[0]);
        int d = Integer.parseInt(size.split("x")[1]);
        SplittableRandom rng = new SplittableRandom(1);
        int r = 300;
        float[] f = new float[r * d];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        float[] x = new float[n * d];
        float[] z = new float[r];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < r; t++) z[t] = (float) (rng.nextGaussian() / (1 + t));
            int o = i * d;
            for (int j = 0; j < d; j++) x[o + j] = (float) (0.45 + 0.02 * rng.nextGaussian());
            for (int t = 0; t < r; t++) {
                float zt = 0.03f * z[t];
                int fo = t * d;
                for (int j = 0; j < d; j++) x[o + j] += zt * f[fo + j];
            }
        }
        return new Dataset("synthetic", FloatMatrix.wrap(n, d, x), null, List.of(), null, List.of());
    }
}
