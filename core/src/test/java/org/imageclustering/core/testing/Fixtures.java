package org.imageclustering.core.testing;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.testing.AdjustedRand;
import org.imageclustering.testing.SyntheticData;

/**
 * Core's tests' view of the shared synthetic data: the same seeded datasets as
 * {@link SyntheticData}, with the points as a {@link FloatMatrix}. Generation and the adjusted Rand
 * index live in the test-support module; this class only wraps.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Points with their true labels. */
    public record Labelled(FloatMatrix points, int[] labels) {
        static Labelled of(SyntheticData.Labelled d) {
            return new Labelled(FloatMatrix.wrap(d.rows(), d.cols(), d.values()), d.labels());
        }
    }

    /** See {@link SyntheticData#blobs}. */
    public static Labelled blobs(int k, int perCluster, int dims, double separation, long seed) {
        return Labelled.of(SyntheticData.blobs(k, perCluster, dims, separation, seed));
    }

    /** See {@link SyntheticData#moons}. */
    public static Labelled moons(int n, double noise, long seed) {
        return Labelled.of(SyntheticData.moons(n, noise, seed));
    }

    /** See {@link SyntheticData#circles}. */
    public static Labelled circles(int n, double factor, double noise, long seed) {
        return Labelled.of(SyntheticData.circles(n, factor, noise, seed));
    }

    /** See {@link AdjustedRand#of}. */
    public static double adjustedRand(int[] a, int[] b) {
        return AdjustedRand.of(a, b);
    }
}
