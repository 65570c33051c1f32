package org.imageclustering.testing;

import java.util.SplittableRandom;

/**
 * Seeded synthetic datasets with known classes (Gaussian blobs, moons, circles): the shared fixtures
 * of every module's tests. Points come as a plain row-major array so that this module needs no other
 * module of the project (core's own tests use it); callers wrap them in their matrix type.
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code rows} points of {@code cols} coordinates, row-major in {@code values}, with their true labels.
     * Holds the arrays it is given (no copies): test data, owned by the test that made it.
     */
    public record Labelled(int rows, int cols, float[] values, int[] labels) {
        public Labelled {
            if (rows < 0 || cols < 1 || values.length != rows * cols || labels.length != rows) {
                throw new IllegalArgumentException("expected " + rows + " x " + cols + " values and " + rows
                        + " labels, found " + values.length + " values and " + labels.length + " labels");
            }
        }
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
        return new Labelled(n, dims, data, labels);
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
        return new Labelled(n, 2, data, labels);
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
        return new Labelled(n, 2, data, labels);
    }
}
