package org.imageclustering.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * One read of a float32 {@code .npy} matrix with {@link Npy#readMatrix} (which also refuses NaN and
 * infinite values), timed in a fresh JVM as a user's first read would be. Prints one line: seconds,
 * GB/s (10^9 bytes of file per second) and a checksum that {@code bench/embeddings/np_read.py} computes
 * the same way (the sum of the values' raw 32-bit patterns as unsigned integers, modulo 2^64, so it is
 * exact and independent of summation order); then a second read in the same JVM. Usage:
 * {@code java -Xmx6g -cp ... org.imageclustering.core.bench.NpyReadBench file.npy [label]}.
 */
public final class NpyReadBench {
    private NpyReadBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String label = args.length > 1 ? args[1] : "ours";
        read(file, label);
        // A second read in the same JVM lands in heap memory the first one has already touched, so
        // it shows the reader's own cost without the operating system's first touch of 2 GB.
        System.gc();
        read(file, label + "_again");
    }

    private static void read(Path file, String label) throws IOException {
        long bytes = Files.size(file);
        long t0 = System.nanoTime();
        FloatMatrix m = Npy.readMatrix(file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long checksum = 0;
        for (float v : m.data()) {
            checksum += Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
        }
        System.out.printf(Locale.ROOT, "%s %d x %d: %.3f s, %.2f GB/s, checksum %s%n", label, m.rows(), m.cols(),
                seconds, bytes / seconds / 1e9, Long.toUnsignedString(checksum));
    }
}
