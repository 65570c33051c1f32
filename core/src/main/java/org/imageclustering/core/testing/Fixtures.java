package org.imageclustering.core.testing;

import java.util.SplittableRandom;
import org.imageclustering.core.FloatMatrix;

/**
 * Seeded synthetic datasets with known classes (Gaussian blobs, moons, circles) and the adjusted
 * Rand index to check a clustering against them: the shared fixtures of every module's tests.
 *
 * <p>They live in core's main code rather than a test-jar because {@code mvn compile exec:java}
 * resolves every module's test dependencies, and Maven 3.8 cannot resolve a sibling's test-jar
 * before its test classes are compiled.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Points with their true labels. */
    public record Labelled(FloatMatrix points, int[] labels) {
    }

    /**
     * {@code perCluster} points around each of {@code k} centres placed {@code separation} apart
     * along distinct axes (so every pair of centres is {@code separation * sqrt(2)} apart), with unit
     * Gaussian noise. Labels are grouped: the first {@code perCluster} rows belong to cluster 0.
     */
    public static Labelled blobs(int k, int perCluster, int dims, double separation, long seed) {
        if (dims < k) {
            throw new IllegalArgumentException("blobs need dims >= k to place centres on distinct axes");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = k * perCluster;
        float[] data = new float[n * dims];
        int[] labels = new int[n];
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < perCluster; p++) {
                int row = c * perCluster + p;
                labels[row] = c;
                for (int j = 0; j < dims; j++) {
                    double centre = j == c ? separation : 0;
                    data[row * dims + j] = (float) (centre + rng.nextGaussian());
                }
            }
        }
        return new Labelled(FloatMatrix.wrap(n, dims, data), labels);
    }

    /** Two interleaved half circles ("moons") in 2-D with Gaussian noise of sd {@code noise}. */
    public static Labelled moons(int n, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] data = new float[n * 2];
        int[] labels = new int[n];
        int outer = n / 2;
        for (int i = 0; i < n; i++) {
            boolean first = i < outer;
            int m = first ? outer : n - outer;
            int idx = first ? i : i - outer;
            double t = Math.PI * idx / Math.max(1, m - 1);
            double x = first ? Math.cos(t) : 1 - Math.cos(t);
            double y = first ? Math.sin(t) : 0.5 - Math.sin(t);
            data[2 * i] = (float) (x + noise * rng.nextGaussian());
            data[2 * i + 1] = (float) (y + noise * rng.nextGaussian());
            labels[i] = first ? 0 : 1;
        }
        return new Labelled(FloatMatrix.wrap(n, 2, data), labels);
    }

    /** Two concentric circles (radius 1 and {@code factor}) in 2-D with Gaussian noise of sd {@code noise}. */
    public static Labelled circles(int n, double factor, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] data = new float[n * 2];
        int[] labels = new int[n];
        int outer = n / 2;
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int m = isOuter ? outer : n - outer;
            int idx = isOuter ? i : i - outer;
            double t = 2 * Math.PI * idx / m;
            double r = isOuter ? 1 : factor;
            data[2 * i] = (float) (r * Math.cos(t) + noise * rng.nextGaussian());
            data[2 * i + 1] = (float) (r * Math.sin(t) + noise * rng.nextGaussian());
            labels[i] = isOuter ? 0 : 1;
        }
        return new Labelled(FloatMatrix.wrap(n, 2, data), labels);
    }

    /**
     * Adjusted Rand index of two labelings (Hubert and Arabie 1985), for tests that must not depend
     * on the reporting module.
     */
    public static double adjustedRand(int[] a, int[] b) {
        int ka = 0;
        int kb = 0;
        for (int v : a) {
            ka = Math.max(ka, v + 1);
        }
        for (int v : b) {
            kb = Math.max(kb, v + 1);
        }
        long[][] table = new long[ka][kb];
        long[] rows = new long[ka];
        long[] cols = new long[kb];
        for (int i = 0; i < a.length; i++) {
            table[a[i]][b[i]]++;
            rows[a[i]]++;
            cols[b[i]]++;
        }
        double index = 0;
        for (long[] r : table) {
            for (long v : r) {
                index += v * (v - 1) / 2.0;
            }
        }
        double sumA = 0;
        double sumB = 0;
        for (long v : rows) {
            sumA += v * (v - 1) / 2.0;
        }
        for (long v : cols) {
            sumB += v * (v - 1) / 2.0;
        }
        double total = a.length * (a.length - 1) / 2.0;
        double expected = sumA * sumB / total;
        double max = (sumA + sumB) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }
}
