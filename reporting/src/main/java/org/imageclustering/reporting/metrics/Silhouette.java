package org.imageclustering.reporting.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Mean silhouette coefficient (Rousseeuw 1987): for each image, {@code (b - a) / max(a, b)} with
 * {@code a} its mean Euclidean distance to the other images of its cluster and {@code b} the
 * smallest mean distance to another cluster's images; 0 for an image alone in its cluster. In
 * {@code [-1, 1]}, higher is better; NaN unless the (sampled) images fall in {@code 2 <= K < n}
 * clusters.
 *
 * <p>The exact value costs {@code n^2} distances, so above {@link #maxExact()} images it is
 * computed on a seeded sample of that many images drawn without replacement (as scikit-learn's
 * {@code sample_size}); {@link #scoreWithDetails} records the number of images used under
 * {@code <name>-sample-size}.
 */
public final class Silhouette implements Metric {
    /** Images above which the silhouette is estimated on a sample of this size. */
    public static final int DEFAULT_MAX_EXACT = 3000;

    private final int maxExact;

    /** Exact up to {@value #DEFAULT_MAX_EXACT} images, sampled above. */
    public Silhouette() {
        this(DEFAULT_MAX_EXACT);
    }

    public Silhouette(int maxExact) {
        if (maxExact < 3) {
            throw new IllegalArgumentException("maxExact must be >= 3, was " + maxExact);
        }
        this.maxExact = maxExact;
    }

    public int maxExact() {
        return maxExact;
    }

    /** The coefficient and how many images it was computed on. */
    public record Result(double value, int sampleSize, boolean exact) {
    }

    @Override
    public double score(MetricInput input) {
        return evaluate(input).value();
    }

    @Override
    public Map<String, Double> scoreWithDetails(String name, MetricInput input) {
        Result r = evaluate(input);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(name, r.value());
        out.put(name + "-sample-size", (double) r.sampleSize());
        return out;
    }

    /** The coefficient, on all images or on the seeded sample. */
    public Result evaluate(MetricInput input) {
        int n = input.features().rows();
        if (n <= maxExact) {
            return new Result(exact(input.features(), input.predicted(), input.centroids().rows(), input), n, true);
        }
        int[] sample = sample(n, maxExact, Seeds.derive(input.seed(), "silhouette"));
        int[] labels = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
            labels[i] = input.predicted()[sample[i]];
        }
        FloatMatrix rows = input.features().selectRows(sample);
        return new Result(exact(rows, labels, input.centroids().rows(), input), sample.length, false);
    }

    /** {@code size} distinct indices of {@code [0, n)}, sorted (partial Fisher-Yates shuffle). */
    static int[] sample(int n, int size, long seed) {
        SplittableRandom rng = Seeds.rng(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, size);
        Arrays.sort(out);
        return out;
    }

    /** Smallest number of rows per block of the pairwise pass. */
    private static final int MIN_BLOCK = 64;
    /** Budget for the blocks' partial sums (about n^2 k / 2 / block doubles), which grows the block for large K. */
    private static final long PARTIAL_BYTES = 64L << 20;

    private static double exact(FloatMatrix x, int[] labels, int k, MetricInput input) {
        int n = x.rows();
        int present = Geometry.distinct(labels, k);
        if (present < 2 || present >= n) {
            return Double.NaN;
        }
        long[] sizes = Geometry.sizes(labels, k);
        // The block size depends on n and k only, never on the thread count.
        int block = (int) Math.min(n, Math.max(MIN_BLOCK, (long) n * n * k * 4 / PARTIAL_BYTES + 1));
        int blocks = (n + block - 1) / block;
        // Each distance is computed once: block I pairs its rows with every row from block I on and
        // adds the distance to both rows' per-cluster sums. Partial sums of block I cover rows
        // [I * block, n); they are added up in block order, so the result is the same at any thread count.
        List<double[]> partials = Geometry.parallel(input).map(blocks, 1, (first, last) -> {
            int from = first * block;
            int to = Math.min(n, from + block);
            double[] sums = new double[(n - from) * k];
            for (int i = from; i < to; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dist = Math.sqrt(SquaredEuclidean.distance(x, i, x, j));
                    sums[(i - from) * k + labels[j]] += dist;
                    sums[(j - from) * k + labels[i]] += dist;
                }
            }
            return sums;
        });
        double[] toCluster = new double[n * k];
        for (int b = 0; b < blocks; b++) {
            double[] p = partials.get(b);
            int offset = b * block * k;
            for (int t = 0; t < p.length; t++) {
                toCluster[offset + t] += p[t];
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int own = labels[i];
            if (sizes[own] <= 1) {
                continue; // a lone image scores 0 by definition
            }
            double a = toCluster[i * k + own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, toCluster[i * k + c] / sizes[c]);
                }
            }
            double denom = Math.max(a, b);
            total += denom == 0 ? 0 : (b - a) / denom;
        }
        return total / n;
    }
}
