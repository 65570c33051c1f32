package org.imageclustering.core.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Data for the k-means benchmarks: Fashion-MNIST images read straight from the IDX files (core
 * cannot depend on the loader module), and seeded CIFAR-shaped synthetic data.
 */
public final class BenchData {
    private BenchData() {
    }

    /** Fashion-MNIST train images scaled to [0, 1] (pixel / 255), as the loader and scikit-learn script do. */
    public static FloatMatrix fashionMnist(Path folder, String split) throws IOException {
        Path file = folder.resolve(split + "-images-idx3-ubyte.gz");
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IOException(file + ": magic " + magic + ", expected 2051");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int d = rows * cols;
            byte[] bytes = new byte[n * d];
            in.readFully(bytes);
            float[] x = new float[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = (bytes[i] & 0xff) / 255f;
            }
            return FloatMatrix.wrap(n, d, x);
        }
    }

    /**
     * CIFAR-shaped synthetic data: {@code n} rows of 3,072 floats in [0, 1], drawn around 10
     * seeded smooth "class" templates with noise, so that clusters exist but overlap as in images.
     * The same function (same generator, same formula) is re-implemented nowhere else: the
     * scikit-learn side reads the matrix we write to a .npy file.
     */
    public static FloatMatrix cifarShaped(int n, long seed) {
        int d = 3072;
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] templates = new float[10][d];
        for (float[] t : templates) {
            for (int j = 0; j < d; j++) {
                t[j] = (float) rng.nextDouble(0.2, 0.8);
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] t = templates[rng.nextInt(10)];
            double brightness = rng.nextGaussian() * 0.1;
            for (int j = 0; j < d; j++) {
                double v = t[j] + brightness + 0.15 * rng.nextGaussian();
                x[i * d + j] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return FloatMatrix.wrap(n, d, x);
    }

    /** Writes a float32 C-order .npy file (format 1.0), so that numpy reads exactly our matrix. */
    public static void writeNpy(FloatMatrix m, Path file) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(pad)).append('\n');
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10 + h.length() + m.data().length * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) h.length());
        buf.put(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(m.data());
        Files.write(file, buf.array());
    }
}
