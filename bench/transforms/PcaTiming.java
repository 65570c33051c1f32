import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.transform.*;

public class PcaTiming {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), d = Integer.parseInt(a[1]), k = Integer.parseInt(a[2]);
        String method = a[3];
        int threads = Integer.parseInt(a[4]);
        int q = a.length > 5 ? Integer.parseInt(a[5]) : 2;
        SplittableRandom rng = new SplittableRandom(1);
        // low-rank structure plus noise, like images: 200 latent factors with decaying scale
        int r = 200;
        float[] f = new float[r * d];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        float[] x = new float[n * d];
        double[] z = new double[r];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < r; t++) z[t] = rng.nextGaussian() / (1 + t);
            for (int j = 0; j < d; j++) {
                double s = 0.5 + 0.05 * rng.nextGaussian();
                for (int t = 0; t < 20; t++) s += 0.01 * z[t] * f[t * d + j];
                x[i * d + j] = (float) s;
            }
        }
        Dataset ds = new Dataset("synthetic", FloatMatrix.wrap(n, d, x), null, java.util.List.of(), null, java.util.List.of());
        try (Parallelism p = Parallelism.of(threads)) {
            PcaOptions o = new PcaOptions(k, 0, false, 0, PcaMethod.fromName(method), 10, q);
            long t0 = System.nanoTime();
            PcaModel m = new PcaTransform(o).fit(ds, new FitContext(7, p, FitListener.NONE));
            double fit = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            m.apply(ds, p);
            double apply = (System.nanoTime() - t0) / 1e9;
            double[] ev = m.variances();
            System.out.printf("n=%d d=%d k=%d method=%s threads=%d q=%d fit=%.2fs apply=%.2fs ev0=%.6f ev[k-1]=%.6f sum=%.6f%n",
                n, d, k, m.method().yamlName(), threads, q, fit, apply, ev[0], ev[k - 1], java.util.Arrays.stream(ev).sum());
        }
    }
}
