import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.spectral.SpectralFactory;

/**
 * Benchmark driver: spectral clustering of the first n Fashion-MNIST training images (pixels / 255),
 * k = 10, settings given as key=value pairs in the experiment file's vocabulary.
 *
 * <p>Usage: java ... SpectralBench.java IMAGES_GZ N THREADS SEED LABELS_OUT [key=value ...]
 * Fits twice in one JVM and prints one line of key=value results: seconds (the second, warm fit),
 * cold_seconds (the first, which includes compiling the kernels), peak heap, diagnostics.
 */
public final class SpectralBench {
    public static void main(String[] args) throws IOException {
        Path images = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);
        Map<String, Object> params = new LinkedHashMap<>();
        for (int a = 5; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            params.put(kv[0], parse(kv[1]));
        }
        FloatMatrix x = readImages(images, n);
        var algorithm = new SpectralFactory().create(10, Parameters.of("bench", params));
        // The same fit twice in one JVM: the first pays for compiling the SIMD kernels, the second
        // is the warm figure (as in the k-means harness, which warms up before timing).
        Clustering c = null;
        double cold = 0;
        double seconds = 0;
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            try (Parallelism p = Parallelism.of(threads)) {
                c = algorithm.fit(x, new FitContext(seed, p, FitListener.NONE));
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            if (run == 0) {
                cold = seconds;
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int l : c.labels()) {
                w.println(l);
            }
        }
        StringBuilder line = new StringBuilder();
        line.append(String.format(java.util.Locale.ROOT, "seconds=%.2f cold_seconds=%.2f peak_heap_mb=%d max_heap_mb=%d",
                seconds, cold, peak >> 20, Runtime.getRuntime().maxMemory() >> 20));
        for (var e : new java.util.TreeMap<>(c.diagnostics()).entrySet()) {
            if (!e.getKey().equals("residual_norms")) {
                line.append(' ').append(e.getKey()).append('=').append(String.valueOf(e.getValue()).replace(" ", ""));
            }
        }
        System.out.println(line);
    }

    private static Object parse(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return v;
            }
        }
    }

    /** The first n images of an IDX3 ubyte file, gzip-compressed, as rows of pixels / 255. */
    static FloatMatrix readImages(Path file, int n) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new IOException(file + ": byte 0: expected IDX3 magic 0x803, found 0x" + Integer.toHexString(magic));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n > count) {
                throw new IOException(file + " holds " + count + " images, " + n + " were asked for");
            }
            int d = rows * cols;
            byte[] buf = new byte[n * d];
            in.readFully(buf);
            float[] data = new float[n * d];
            for (int i = 0; i < buf.length; i++) {
                data[i] = (buf[i] & 0xff) / 255f;
            }
            return FloatMatrix.wrap(n, d, data);
        }
    }
}
