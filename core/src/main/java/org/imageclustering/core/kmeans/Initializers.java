package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * The starting-centre strategies of {@link Initialization}, each usable and testable alone.
 *
 * <p>All of them are deterministic for a seed at any thread count: random draws that depend on
 * the data are made either sequentially or from per-chunk generators derived from the seed and the
 * chunk index, and sums over rows are reduced in chunk order.
 */
public final class Initializers {
    private static final int CHUNK = 2048;
    /** Oversampling rounds of k-means|| (Bahmani et al. found 5 rounds enough in practice). */
    static final int PARALLEL_ROUNDS = 5;
    /** Weighted Lloyd iterations that polish the k-means|| choice on the candidate set (as Spark does). */
    private static final int PARALLEL_REFINE_ITERATIONS = 10;

    private Initializers() {
    }

    /** Chooses {@code k} starting centres for {@code data} as {@code options.init()} says, from {@code seed}. */
    public static FloatMatrix initialCentroids(FloatMatrix data, KMeansOptions options, long seed) {
        return initialCentroids(data, options, seed, Parallelism.sequential());
    }

    /** Like {@link #initialCentroids(FloatMatrix, KMeansOptions, long)}, using {@code parallel}'s workers. */
    public static FloatMatrix initialCentroids(FloatMatrix data, KMeansOptions options, long seed,
                                               Parallelism parallel) {
        return switch (options.init()) {
            case RANDOM_GAUSSIAN -> randomGaussian(data, options.k(), seed);
            case RANDOM_POINTS -> randomPoints(data, options.k(), seed);
            case KMEANS_PLUS_PLUS -> kMeansPlusPlus(data, options.k(), seed, parallel);
            case KMEANS_PARALLEL -> kMeansParallel(data, options.k(), seed, parallel);
            case GIVEN -> {
                if (options.givenCentroids().cols() != data.cols()) {
                    throw new IllegalArgumentException("the given centroids have " + options.givenCentroids().cols()
                            + " columns but the data has " + data.cols() + " features");
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

    /** Greedy k-means++ on one thread; see {@link #kMeansPlusPlus(FloatMatrix, int, long, Parallelism)}. */
    public static FloatMatrix kMeansPlusPlus(FloatMatrix data, int k, long seed) {
        return kMeansPlusPlus(data, k, seed, Parallelism.sequential());
    }

    /**
     * Greedy k-means++ (Arthur and Vassilvitskii 2007, in the greedy form scikit-learn uses): the
     * first centre uniformly, then each next centre the best (lowest total potential) of
     * {@code 2 + floor(ln k)} candidates drawn in proportion to D^2. The candidates of one step are
     * measured against all rows in one pass of the block kernel.
     */
    public static FloatMatrix kMeansPlusPlus(FloatMatrix data, int k, long seed, Parallelism parallel) {
        requireEnoughRows(data.rows(), k);
        double[] norms = SquaredEuclidean.squaredNorms(data, parallel);
        return data.selectRows(greedyPlusPlus(data, norms, null, k, Seeds.rng(seed), parallel));
    }

    /** Indices of the greedy k-means++ choice; {@code weights} (null: all 1) multiply each row's D^2. */
    static int[] greedyPlusPlus(FloatMatrix data, double[] norms, double[] weights, int k, SplittableRandom rng,
                                Parallelism parallel) {
        int n = data.rows();
        int trials = 2 + (int) Math.log(k);
        int[] chosen = new int[k];
        double[] closest = new double[n];
        double[] cumulative = new double[n];
        double[] trialDist = new double[trials * n];
        if (weights == null) {
            chosen[0] = rng.nextInt(n);
        } else {
            prefixSums(weights, null, cumulative);
            chosen[0] = sampleCumulative(cumulative, rng);
        }
        distancesTo(data, norms, new int[] {chosen[0]}, closest, parallel);
        for (int c = 1; c < k; c++) {
            prefixSums(closest, weights, cumulative);
            int[] candidates = new int[trials];
            for (int t = 0; t < trials; t++) {
                candidates[t] = sampleCumulative(cumulative, rng);
            }
            Centers cand = Centers.of(data.selectRows(candidates));
            double[] potentials = parallel.mapReduce(n, CHUNK, (s, e) -> {
                double[] block = new double[(e - s) * trials];
                SquaredEuclidean.block(data, norms, s, e, cand, block);
                double[] pot = new double[trials];
                for (int i = s; i < e; i++) {
                    for (int t = 0; t < trials; t++) {
                        double v = Math.min(closest[i], block[(i - s) * trials + t]);
                        trialDist[t * n + i] = v;
                        pot[t] += weights == null ? v : weights[i] * v;
                    }
                }
                return pot;
            }, new double[trials], Initializers::add);
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (potentials[t] < potentials[best]) {
                    best = t;
                }
            }
            chosen[c] = candidates[best];
            System.arraycopy(trialDist, best * n, closest, 0, n);
        }
        return chosen;
    }

    /** k-means|| on one thread; see {@link #kMeansParallel(FloatMatrix, int, long, Parallelism)}. */
    public static FloatMatrix kMeansParallel(FloatMatrix data, int k, long seed) {
        return kMeansParallel(data, k, seed, Parallelism.sequential());
    }

    /**
     * k-means|| (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, Scalable k-means++, VLDB 2012):
     * one uniform centre, then {@value #PARALLEL_ROUNDS} rounds that each keep every row
     * independently with probability {@code min(1, 2k D^2 / phi)}; the candidates are weighted by
     * the rows nearest to them and reduced to {@code k} centres by weighted greedy k-means++ and a
     * few weighted Lloyd iterations. It needs a handful of passes over the data instead of k.
     * The row draws of chunk {@code c} in round {@code r} come from their own seed derived from
     * ({@code seed}, r, c), so the choice does not depend on the thread count.
     */
    public static FloatMatrix kMeansParallel(FloatMatrix data, int k, long seed, Parallelism parallel) {
        int n = data.rows();
        requireEnoughRows(n, k);
        double[] norms = SquaredEuclidean.squaredNorms(data, parallel);
        SplittableRandom rng = Seeds.rng(seed);
        List<Integer> candidates = new ArrayList<>();
        boolean[] taken = new boolean[n];
        int first = rng.nextInt(n);
        candidates.add(first);
        taken[first] = true;
        double[] closest = new double[n];
        int[] nearest = new int[n];
        distancesTo(data, norms, new int[] {first}, closest, parallel);
        double oversampling = 2.0 * k;
        for (int round = 0; round < PARALLEL_ROUNDS; round++) {
            double phi = parallel.mapReduce(n, CHUNK, (s, e) -> {
                double p = 0;
                for (int i = s; i < e; i++) {
                    p += closest[i];
                }
                return p;
            }, 0.0, Double::sum);
            if (!(phi > 0)) {
                break;
            }
            long roundSeed = Seeds.derive(seed, "k-means|| round " + round);
            List<int[]> picks = parallel.map(n, CHUNK, (s, e) -> {
                SplittableRandom chunkRng = Seeds.rng(Seeds.derive(roundSeed, s / CHUNK));
                int[] buf = new int[e - s];
                int m = 0;
                for (int i = s; i < e; i++) {
                    if (chunkRng.nextDouble() * phi < oversampling * closest[i] && !taken[i]) {
                        buf[m++] = i;
                    }
                }
                return Arrays.copyOf(buf, m);
            });
            int before = candidates.size();
            for (int[] p : picks) {
                for (int i : p) {
                    candidates.add(i);
                    taken[i] = true;
                }
            }
            if (candidates.size() == before) {
                continue;
            }
            int[] added = candidates.subList(before, candidates.size()).stream().mapToInt(Integer::intValue).toArray();
            updateNearest(data, norms, added, before, closest, nearest, parallel);
        }
        // Too few candidates (tiny data or tiny k): top up with distinct uniform rows.
        while (candidates.size() < k) {
            int i = rng.nextInt(n);
            if (!taken[i]) {
                taken[i] = true;
                candidates.add(i);
                updateNearest(data, norms, new int[] {i}, candidates.size() - 1, closest, nearest, parallel);
            }
        }
        int m = candidates.size();
        int[] candidateRows = candidates.stream().mapToInt(Integer::intValue).toArray();
        double[] weights = new double[m];
        for (int i = 0; i < n; i++) {
            weights[nearest[i]]++;
        }
        FloatMatrix pool = data.selectRows(candidateRows);
        double[] poolNorms = new double[m];
        SquaredEuclidean.squaredNorms(pool, 0, m, poolNorms);
        int[] chosen = greedyPlusPlus(pool, poolNorms, weights, k, rng, Parallelism.sequential());
        return weightedLloyd(pool, poolNorms, weights, pool.selectRows(chosen));
    }

    /** A few Lloyd iterations over weighted points (the k-means|| candidates); a centre left empty stays put. */
    private static FloatMatrix weightedLloyd(FloatMatrix points, double[] norms, double[] weights, FloatMatrix start) {
        int m = points.rows();
        int d = points.cols();
        int k = start.rows();
        float[] centers = start.data().clone();
        int[] labels = new int[m];
        float[] x = points.data();
        for (int it = 0; it < PARALLEL_REFINE_ITERATIONS; it++) {
            SquaredEuclidean.assign(points, norms, 0, m, Centers.of(FloatMatrix.wrap(k, d, centers)),
                    labels, null);
            double[] sums = new double[k * d];
            double[] mass = new double[k];
            for (int i = 0; i < m; i++) {
                int l = labels[i];
                mass[l] += weights[i];
                for (int j = 0; j < d; j++) {
                    sums[l * d + j] += weights[i] * x[i * d + j];
                }
            }
            boolean moved = false;
            for (int c = 0; c < k; c++) {
                if (mass[c] <= 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    float v = (float) (sums[c * d + j] / mass[c]);
                    moved |= v != centers[c * d + j];
                    centers[c * d + j] = v;
                }
            }
            if (!moved) {
                break;
            }
        }
        return FloatMatrix.wrap(k, d, centers);
    }

    /** {@code out[i] = distance of row i to row rows[0]} (approximate kernel distance, clamped). */
    private static void distancesTo(FloatMatrix data, double[] norms, int[] rows, double[] out,
                                    Parallelism parallel) {
        Centers one = Centers.of(data.selectRows(rows));
        parallel.forEach(data.rows(), CHUNK, (s, e) -> {
            double[] block = new double[e - s];
            SquaredEuclidean.block(data, norms, s, e, one, block);
            System.arraycopy(block, 0, out, s, e - s);
        });
    }

    /** Lowers {@code closest} and {@code nearest} with the new candidates (numbered from {@code firstIndex}). */
    private static void updateNearest(FloatMatrix data, double[] norms, int[] added, int firstIndex,
                                      double[] closest, int[] nearest, Parallelism parallel) {
        Centers set = Centers.of(data.selectRows(added));
        int a = added.length;
        parallel.forEach(data.rows(), CHUNK, (s, e) -> {
            double[] block = new double[(e - s) * a];
            SquaredEuclidean.block(data, norms, s, e, set, block);
            for (int i = s; i < e; i++) {
                for (int c = 0; c < a; c++) {
                    double v = block[(i - s) * a + c];
                    if (v < closest[i]) {
                        closest[i] = v;
                        nearest[i] = firstIndex + c;
                    }
                }
            }
        });
    }

    private static void prefixSums(double[] values, double[] weights, double[] out) {
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights == null ? values[i] : weights[i] * values[i];
            out[i] = acc;
        }
    }

    /** The first index whose cumulative weight exceeds a uniform draw; uniform when the total is 0. */
    private static int sampleCumulative(double[] cumulative, SplittableRandom rng) {
        int n = cumulative.length;
        double total = cumulative[n - 1];
        if (!(total > 0)) {
            return rng.nextInt(n);
        }
        double target = rng.nextDouble() * total;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
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

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static void requireEnoughRows(int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of rows (" + n + ")");
        }
    }
}
