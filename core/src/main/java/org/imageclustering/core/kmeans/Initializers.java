package org.imageclustering.core.kmeans;

import java.util.SplittableRandom;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.SquaredEuclidean;

/** The starting-centre strategies of {@link Initialization}, each usable and testable alone. */
public final class Initializers {
    private Initializers() {
    }

    /** Chooses {@code k} starting centres for {@code data} with {@code method}, from {@code seed}. */
    public static FloatMatrix initialCentroids(FloatMatrix data, KMeansOptions options, long seed) {
        return switch (options.init()) {
            case RANDOM_GAUSSIAN -> randomGaussian(data, options.k(), seed);
            case RANDOM_POINTS -> randomPoints(data, options.k(), seed);
            case KMEANS_PLUS_PLUS, KMEANS_PARALLEL -> kMeansPlusPlus(data, options.k(), seed);
            case GIVEN -> {
                if (options.givenCentroids().cols() != data.cols()) {
                    throw new IllegalArgumentException("given centroids have " + options.givenCentroids().cols()
                            + " features, the data has " + data.cols());
                }
                yield options.givenCentroids();
            }
        };
    }

    /** Per feature: mean + sd x N(0, 1), with the population standard deviation of the data. */
    public static FloatMatrix randomGaussian(FloatMatrix data, int k, long seed) {
        int n = data.rows();
        int d = data.cols();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        float[] x = data.data();
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double dv = x[o + j] - mean[j];
                m2[j] += dv * dv;
            }
        }
        SplittableRandom rng = Seeds.rng(seed);
        float[] c = new float[k * d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                c[r * d + j] = (float) (mean[j] + Math.sqrt(m2[j] / n) * rng.nextGaussian());
            }
        }
        return FloatMatrix.wrap(k, d, c);
    }

    /** {@code k} distinct rows chosen uniformly (a partial Fisher-Yates shuffle). */
    public static FloatMatrix randomPoints(FloatMatrix data, int k, long seed) {
        int n = data.rows();
        requireEnoughRows(n, k);
        SplittableRandom rng = Seeds.rng(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] chosen = new int[k];
        for (int r = 0; r < k; r++) {
            int j = r + rng.nextInt(n - r);
            int t = idx[r];
            idx[r] = idx[j];
            idx[j] = t;
            chosen[r] = idx[r];
        }
        return data.selectRows(chosen);
    }

    /**
     * Greedy k-means++: the first centre uniformly, then each next centre the best (lowest total
     * potential) of {@code 2 + floor(ln k)} candidates drawn in proportion to D^2.
     */
    public static FloatMatrix kMeansPlusPlus(FloatMatrix data, int k, long seed) {
        int n = data.rows();
        int d = data.cols();
        requireEnoughRows(n, k);
        SplittableRandom rng = Seeds.rng(seed);
        int trials = 2 + (int) Math.log(k);
        int[] chosen = new int[k];
        chosen[0] = rng.nextInt(n);
        double[] closest = new double[n];
        float[] x = data.data();
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = SquaredEuclidean.distance(x, i * d, x, chosen[0] * d, d);
            potential += closest[i];
        }
        double[] candidateDist = new double[n];
        double[] bestDist = new double[n];
        for (int c = 1; c < k; c++) {
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate = sampleProportional(closest, potential, rng);
                double pot = 0;
                for (int i = 0; i < n; i++) {
                    double dist = Math.min(closest[i], SquaredEuclidean.distance(x, i * d, x, candidate * d, d));
                    candidateDist[i] = dist;
                    pot += dist;
                }
                if (pot < bestPotential) {
                    bestPotential = pot;
                    bestCandidate = candidate;
                    System.arraycopy(candidateDist, 0, bestDist, 0, n);
                }
            }
            chosen[c] = bestCandidate;
            System.arraycopy(bestDist, 0, closest, 0, n);
            potential = bestPotential;
        }
        return data.selectRows(chosen);
    }

    /** Index drawn with probability weight[i] / total; a zero total falls back to uniform. */
    static int sampleProportional(double[] weight, double total, SplittableRandom rng) {
        if (!(total > 0)) {
            return rng.nextInt(weight.length);
        }
        double target = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < weight.length; i++) {
            acc += weight[i];
            if (acc > target) {
                return i;
            }
        }
        for (int i = weight.length - 1; i >= 0; i--) { // rounding left target at the end
            if (weight[i] > 0) {
                return i;
            }
        }
        return weight.length - 1;
    }

    private static void requireEnoughRows(int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of rows (" + n + ")");
        }
    }
}
