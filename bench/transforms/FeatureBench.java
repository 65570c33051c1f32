import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.features.*;
import org.imageclustering.loader.Dataset;

/**
 * Fashion-MNIST train: fit each feature chain, then k-means K=10 with several seeds; writes the
 * predicted labels per (feature set, seed) and the transform timings for metrics.py.
 * Usage: FeatureBench <idx-dir> <out-dir> <threads> <seeds> <limit|0> <set>...
 * where a set is name=step|step|..., a step transform:key=value,key=value (empty for raw pixels).
 */
public class FeatureBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int seeds = Integer.parseInt(args[3]);
        int limit = Integer.parseInt(args[4]);
        Files.createDirectories(out);
        Dataset train = readIdx(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), limit);
        Files.write(out.resolve("truth.txt"), toLines(train.labels()));
        Map<String, TransformFactory> factories = new LinkedHashMap<>();
        factories.put("scale", params -> new ScaleTransform(ScaleOptions.from(params)));
        factories.put("standardize", params -> new StandardizeTransform(StandardizeOptions.from(params)));
        factories.put("grayscale", TransformFactory.withoutKeys(GrayscaleTransform::new));
        factories.put("l2-normalize", TransformFactory.withoutKeys(L2NormalizeTransform::new));
        factories.put("resize", params -> new ResizeTransform(ResizeOptions.from(params)));
        factories.put("pca", params -> new PcaTransform(PcaOptions.from(params)));
        factories.put("hog", params -> new HogTransform(HogOptions.from(params)));
        factories.put("color-histogram", params -> new ColorHistogramTransform(ColorHistogramOptions.from(params)));
        factories.put("patch-kmeans-features", params -> new PatchKMeansFeaturesTransform(PatchFeaturesOptions.from(params)));
        try (Parallelism p = Parallelism.of(threads); PrintWriter timings = new PrintWriter(Files.newBufferedWriter(out.resolve("timings.tsv")))) {
            for (int a = 5; a < args.length; a++) {
                String name = args[a].substring(0, args[a].indexOf('='));
                String json = args[a].substring(args[a].indexOf('=') + 1);
                List<Transform> chain = new ArrayList<>();
                List<Map.Entry<String, Map<String, Object>>> steps = parseSpecs(json);
                for (int i = 0; i < steps.size(); i++) {
                    chain.add(Transforms.create(factories, steps.get(i).getKey(),
                            Parameters.of("feature-sets[" + (a - 5) + "].transforms[" + i + "]", steps.get(i).getValue())));
                }
                long t0 = System.nanoTime();
                long cpu0 = cpuNanos();
                Transforms.Fitted fitted = Transforms.fit(chain, train, new FitContext(42, p, FitListener.NONE));
                double transformSeconds = (System.nanoTime() - t0) / 1e9;
                double transformCpu = (cpuNanos() - cpu0) / 1e9;
                FloatMatrix x = fitted.train().features();
                System.out.printf("%s: %d x %d features in %.2f s (%.2f s CPU); %s%n", name, x.rows(), x.cols(), transformSeconds, transformCpu, fitted.chain().summary());
                for (int s = 1; s <= seeds; s++) {
                    long k0 = System.nanoTime();
                    Clustering c = new KMeans(KMeansOptions.defaults(10)).fit(x, new FitContext(s, p, FitListener.NONE));
                    double kmSeconds = (System.nanoTime() - k0) / 1e9;
                    Files.write(out.resolve(name + "-seed" + s + ".txt"), toLines(c.labels()));
                    timings.printf("%s\t%d\t%d\t%.3f\t%.3f\t%d\t%.3f%n", name, s, x.cols(), transformSeconds, kmSeconds, c.iterations(), transformCpu);
                    timings.flush();
                    System.out.printf("  seed %d: %.2f s, %d iterations%n", s, kmSeconds, c.iterations());
                }
            }
        }
    }

    /** Each step's transform name and settings. */
    static List<Map.Entry<String, Map<String, Object>>> parseSpecs(String spec) {
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        if (spec.isBlank()) return out;
        for (String step : spec.split("\\|")) {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] nameAndKeys = step.split(":", 2);
            if (nameAndKeys.length > 1) {
                for (String kv : nameAndKeys[1].split(",")) {
                    String[] p = kv.split("=", 2);
                    m.put(p[0], value(p[1]));
                }
            }
            out.add(Map.entry(nameAndKeys[0], m));
        }
        return out;
    }

    static Object value(String v) {
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        try { return Integer.parseInt(v); } catch (NumberFormatException e) { }
        try { return Double.parseDouble(v); } catch (NumberFormatException e) { }
        return v;
    }

    /** CPU time of the whole process: on a shared machine wall time alone says little. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static List<String> toLines(int[] labels) {
        List<String> l = new ArrayList<>(labels.length);
        for (int v : labels) l.add(Integer.toString(v));
        return l;
    }

    /** Minimal IDX reader for this bench only (the product's loader lives in the loader module). */
    static Dataset readIdx(Path images, Path labels, int limit) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(images), 1 << 16));
             DataInputStream lin = new DataInputStream(new GZIPInputStream(Files.newInputStream(labels), 1 << 16))) {
            if (in.readInt() != 0x803) throw new IOException(images + ": not an IDX3 ubyte file");
            int n = in.readInt(), h = in.readInt(), w = in.readInt();
            if (lin.readInt() != 0x801) throw new IOException(labels + ": not an IDX1 ubyte file");
            if (lin.readInt() != n) throw new IOException("label count differs");
            int m = limit > 0 ? Math.min(limit, n) : n;
            byte[] raw = new byte[m * h * w];
            in.readFully(raw);
            float[] x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) x[i] = (raw[i] & 0xff) / 255f;
            byte[] lb = new byte[m];
            lin.readFully(lb);
            int[] y = new int[m];
            for (int i = 0; i < m; i++) y[i] = lb[i];
            return new Dataset("fashion-mnist/train", FloatMatrix.wrap(m, h * w, x), y,
                List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
                new ImageShape(1, h, w), List.of());
        }
    }
}
