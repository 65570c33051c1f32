package org.imageclustering.core.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.SquaredEuclidean;
import org.imageclustering.core.kmeans.Initializers;

/**
 * A probe, not product code: how fast Lloyd's distance pass at K=10 could be with 16 rows per SIMD
 * vector instead of 16 centres (where 6 of 16 lanes idle at K=10). The rows are copied once into
 * blocks of 16, feature-major; per feature, one vector of 16 rows meets a broadcast of each centre's
 * value, two blocks at a time (20 accumulators). Each (row, centre) lane runs the same float                 e = FloatVector.broadcast(F, c[0 * d + j]);
                a0 = v.fma(e, a0);
                b0 = w.fma(e, b0);
                e = FloatVector.broadcast(F, c[1 * d + j]);
                a1 = v.fma(e, a1);
                b1 = w.fma(e, b1);
                e = FloatVector.broadcast(F, c[2 * d + j]);
                a2 = v.fma(e, a2);
                b2 = w.fma(e, b2);
                e = FloatVector.broadcast(F, c[3 * d + j]);
                a3 = v.fma(e, a3);
                b3 = w.fma(e, b3);
                e = FloatVector.broadcast(F, c[4 * d + j]);
                a4 = v.fma(e, a4);
                b4 = w.fma(e, b4);
                e = FloatVector.broadcast(F, c[5 * d + j]);
                a5 = v.fma(e, a5);
                b5 = w.fma(e, b5);
                e = FloatVector.broadcast(F, c[6 * d + j]);
                a6 = v.fma(e, a6);
                b6 = w.fma(e, b6);
                e = FloatVector.broadcast(F, c[7 * d + j]);
                a7 = v.fma(e, a7);
                b7 = w.fma(e, b7);
                e = FloatVector.broadcast(F, c[8 * d + j]);
                a8 = v.fma(e, a8);
                b8 = w.fma(e, b8);
                e = FloatVector.broadcast(F, c[9 * d + j]);
                a9 = v.fma(e, a9);
                b9 = w.fma(e, b9);
 * chain per 128-feature chunk as the product's block kernel, so the distances come out
 * bit-identical, which the probe checks.
 *
 * <p>Fashion-MNIST train, the k-means++ start of the side-by-side harness (seed 42), 2 threads;
 * prints the median of 20 passes of {@link SquaredEuclidean#block} and of the probe kernel (both
 * including the conversion to double distances), and the one-off cost of the copy. Usage:
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * org.imageclustering.core.bench.RowLanesKernelProbe <fashion-mnist-folder>}.
 */
public final class RowLanesKernelProbe {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final int CHUNK = 128;
    private static final int K = 10;
    private static final int CHUNK_ROWS = 1024;

    private RowLanesKernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        FloatMatrix x = BenchData.fashionMnist(Path.of(args[0]), "train");
        int n = x.rows();
        int d = x.cols();
        try (Parallelism p = Parallelism.of(2)) {
            FloatMatrix start = Initializers.kMeansPlusPlus(x, K, 42, p);
            SquaredEuclidean.Centers centers = SquaredEuclidean.Centers.of(start);
            double[] norms = SquaredEuclidean.squaredNorms(x, p);
            int chunks = Parallelism.chunkCount(n, CHUNK_ROWS);
            double[][] product = new double[chunks][CHUNK_ROWS * K];
            double[][] probe = new double[chunks][CHUNK_ROWS * K];
            long c0 = System.nanoTime();
            float[] blocks = transpose(x, p);
            double copyMs = (System.nanoTime() - c0) / 1e6;
            double[] productMs = new double[20];
            double[] probeMs = new double[20];
            for (int rep = 0; rep < 20; rep++) {
                long t0 = System.nanoTime();
                p.forEach(n, CHUNK_ROWS, (s, e) -> SquaredEuclidean.block(x, norms, s, e, centers, product[s / CHUNK_ROWS]));
                productMs[rep] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                p.forEach(n, CHUNK_ROWS, (s, e) -> rowLanes(blocks, norms, s, e, d, start.data(), centers, probe[s / CHUNK_ROWS]));
                probeMs[rep] = (System.nanoTime() - t0) / 1e6;
            }
            long differing = 0;
            for (int ch = 0; ch < chunks; ch++) {
                int rows = Math.min(CHUNK_ROWS, n - ch * CHUNK_ROWS);
                for (int t = 0; t < rows * K; t++) {
                    differing += Double.doubleToLongBits(product[ch][t]) == Double.doubleToLongBits(probe[ch][t]) ? 0 : 1;
                }
            }
            System.out.printf("K=%d distance pass, 2 threads, median of 20: block kernel %.2f ms, rows-as-lanes %.2f ms"
                    + " (%.2fx); distances differing in bits: %d of %d; one-off copy %.0f ms, %d MB%n",
                    K, median(productMs), median(probeMs), median(productMs) / median(probeMs), differing, (long) n * K,
                    copyMs, (long) blocks.length * 4 / 1_000_000);
        }
    }

    /** Rows in blocks of 16, feature-major ({@code [block][j][16]}), padded with zero rows to whole pairs of blocks. */
    private static float[] transpose(FloatMatrix x, Parallelism p) {
        int n = x.rows();
        int d = x.cols();
        int blocks = (n + 31) / 32 * 2;
        float[] out = new float[blocks * d * 16];
        float[] xd = x.data();
        p.forEach(blocks, 64, (s, e) -> {
            for (int b = s; b < e; b++) {
                for (int r = 0; r < 16 && b * 16 + r < n; r++) {
                    int from = (b * 16 + r) * d;
                    int to = b * d * 16 + r;
                    for (int j = 0; j < d; j++) {
                        out[to + j * 16] = xd[from + j];
                    }
                }
            }
        });
        return out;
    }

    /** Distances of rows {@code [s, e)} ({@code s} a multiple of 32) to the 10 centres, as {@link SquaredEuclidean#block} writes them. */
    private static void rowLanes(float[] blocks, double[] norms, int s, int e, int d, float[] c,
                                 SquaredEuclidean.Centers centers, double[] out) {
        float[] dots = new float[2 * K * 16];
        for (int r0 = s; r0 < e; r0 += 32) {
            twoBlocks(blocks, r0 / 16, d, c, dots);
            for (int r = 0; r < 32 && r0 + r < e; r++) {
                int half = r / 16;
                for (int k = 0; k < K; k++) {
                    double dot = dots[(half * K + k) * 16 + r % 16];
                    out[(r0 + r - s) * K + k] = Math.max(0, norms[r0 + r] + centers.norm(k) - 2 * dot);
                }
            }
        }
    }

    private static void twoBlocks(float[] blocks, int block, int d, float[] c, float[] dots) {
        int baseA = block * d * 16;
        int baseB = baseA + d * 16;
        Arrays.fill(dots, 0f);
        for (int q0 = 0; q0 < d; q0 += CHUNK) {
            int q1 = Math.min(d, q0 + CHUNK);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            FloatVector a4 = FloatVector.zero(F);
            FloatVector a5 = FloatVector.zero(F);
            FloatVector a6 = FloatVector.zero(F);
            FloatVector a7 = FloatVector.zero(F);
            FloatVector a8 = FloatVector.zero(F);
            FloatVector a9 = FloatVector.zero(F);
            FloatVector b0 = FloatVector.zero(F);
            FloatVector b1 = FloatVector.zero(F);
            FloatVector b2 = FloatVector.zero(F);
            FloatVector b3 = FloatVector.zero(F);
            FloatVector b4 = FloatVector.zero(F);
            FloatVector b5 = FloatVector.zero(F);
            FloatVector b6 = FloatVector.zero(F);
            FloatVector b7 = FloatVector.zero(F);
            FloatVector b8 = FloatVector.zero(F);
            FloatVector b9 = FloatVector.zero(F);
            for (int j = q0; j < q1; j++) {
                FloatVector v = FloatVector.fromArray(F, blocks, baseA + j * 16);
                FloatVector w = FloatVector.fromArray(F, blocks, baseB + j * 16);
                FloatVector e;
                e = FloatVector.broadcast(F, c[0 * d + j]);
                a0 = v.fma(e, a0);
                b0 = w.fma(e, b0);
                e = FloatVector.broadcast(F, c[1 * d + j]);
                a1 = v.fma(e, a1);
                b1 = w.fma(e, b1);
                e = FloatVector.broadcast(F, c[2 * d + j]);
                a2 = v.fma(e, a2);
                b2 = w.fma(e, b2);
                e = FloatVector.broadcast(F, c[3 * d + j]);
                a3 = v.fma(e, a3);
                b3 = w.fma(e, b3);
                e = FloatVector.broadcast(F, c[4 * d + j]);
                a4 = v.fma(e, a4);
                b4 = w.fma(e, b4);
                e = FloatVector.broadcast(F, c[5 * d + j]);
                a5 = v.fma(e, a5);
                b5 = w.fma(e, b5);
                e = FloatVector.broadcast(F, c[6 * d + j]);
                a6 = v.fma(e, a6);
                b6 = w.fma(e, b6);
                e = FloatVector.broadcast(F, c[7 * d + j]);
                a7 = v.fma(e, a7);
                b7 = w.fma(e, b7);
                e = FloatVector.broadcast(F, c[8 * d + j]);
                a8 = v.fma(e, a8);
                b8 = w.fma(e, b8);
                e = FloatVector.broadcast(F, c[9 * d + j]);
                a9 = v.fma(e, a9);
                b9 = w.fma(e, b9);
            }
            a0.add(FloatVector.fromArray(F, dots, 0)).intoArray(dots, 0);
            a1.add(FloatVector.fromArray(F, dots, 16)).intoArray(dots, 16);
            a2.add(FloatVector.fromArray(F, dots, 32)).intoArray(dots, 32);
            a3.add(FloatVector.fromArray(F, dots, 48)).intoArray(dots, 48);
            a4.add(FloatVector.fromArray(F, dots, 64)).intoArray(dots, 64);
            a5.add(FloatVector.fromArray(F, dots, 80)).intoArray(dots, 80);
            a6.add(FloatVector.fromArray(F, dots, 96)).intoArray(dots, 96);
            a7.add(FloatVector.fromArray(F, dots, 112)).intoArray(dots, 112);
            a8.add(FloatVector.fromArray(F, dots, 128)).intoArray(dots, 128);
            a9.add(FloatVector.fromArray(F, dots, 144)).intoArray(dots, 144);
            b0.add(FloatVector.fromArray(F, dots, 160)).intoArray(dots, 160);
            b1.add(FloatVector.fromArray(F, dots, 176)).intoArray(dots, 176);
            b2.add(FloatVector.fromArray(F, dots, 192)).intoArray(dots, 192);
            b3.add(FloatVector.fromArray(F, dots, 208)).intoArray(dots, 208);
            b4.add(FloatVector.fromArray(F, dots, 224)).intoArray(dots, 224);
            b5.add(FloatVector.fromArray(F, dots, 240)).intoArray(dots, 240);
            b6.add(FloatVector.fromArray(F, dots, 256)).intoArray(dots, 256);
            b7.add(FloatVector.fromArray(F, dots, 272)).intoArray(dots, 272);
            b8.add(FloatVector.fromArray(F, dots, 288)).intoArray(dots, 288);
            b9.add(FloatVector.fromArray(F, dots, 304)).intoArray(dots, 304);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
