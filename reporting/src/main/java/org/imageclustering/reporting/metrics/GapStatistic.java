package org.imageclustering.reporting.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Gap statistic (Tibshirani, Walther and Hastie 2001) of one clustering: how much tighter its
 * clusters are than k-means finds in data without clusters, {@code Gap(K) = mean_b log W*_Kb - log W_K},
 * where {@code W} is the pooled within-cluster sum of squares about the clusters' own means and
 * {@code W*_Kb} that of k-means with K clusters on the b-th of {@code B} reference datasets drawn
 * uniformly over the bounding box of the data (each feature uniform between its minimum and
 * maximum: the paper's first choice, R's {@code clusGap(spaceH0 = "original")}). Unbounded,
 * higher means more structure than chance; read across K with the rule of
 * {@code reporting.report.ChoosingK} (smallest K with {@code Gap(K) >= Gap(K') - s_K'}, K' the
 * next K).
 *
 * <p>Recorded beside the value: {@code <name>-se}, the paper's {@code s_K = sd * sqrt(1 + 1/B)}
 * (sd with the {@code B - 1} denominator, as R's {@code clusGap}; the paper divides by B), and
 * {@code <name>-sample-size}, the rows used. Above {@link #maxRows()} rows the statistic is
 * computed on a seeded sample of that many rows (the clustering's labels restricted to it), and
 * the references have as many rows.
 *
 * <p>Deterministic: the sample, each reference and each reference fit have seeds derived from the
 * run's metric seed, the same for every K of a seed, so that one seed's Gap curve compares every K
 * on the same references; k-means gives the same result at any thread count. Cost: B k-means fits
 * (k-means++, one restart, scikit-learn's tolerance) on m x d rows, m = min(n, {@link #maxRows()}).
 */
public final class GapStatistic implements Metric {
    /** Reference datasets when none are given (the paper used 20; R's clusGap defaults to 100). */
    public static final int DEFAULT_REFERENCES = 10;
    /** Rows above which the statistic is computed on a seeded sample of this many rows. */
    public static final int DEFAULT_MAX_ROWS = 1000;

    private final int references;
    private final int maxRows;

    /** {@value #DEFAULT_REFERENCES} references, at most {@value #DEFAULT_MAX_ROWS} rows. */
    public GapStatistic() {
        this(DEFAULT_REFERENCES, DEFAULT_MAX_ROWS);
    }

    public GapStatistic(int references, int maxRows) {
        if (references < 2) {
            throw new IllegalArgumentException("references must be >= 2 (the spread s_K needs two), was " + references);
        }
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be >= 2, was " + maxRows);
        }
        this.references = references;
        this.maxRows = maxRows;
    }

    public int references() {
        return references;
    }

    public int maxRows() {
        return maxRows;
    }

    /**
     * The statistic of one clustering.
     *
     * @param gap            {@code mean log W* - log W}; NaN when undefined (K >= rows, or W = 0)
     * @param se             {@code s_K}
     * @param logW           log W of the clustering
     * @param meanLogWRef    mean over references of log W*
     * @param sampleSize     rows used
     */
    public record Result(double gap, double se, double logW, double meanLogWRef, int sampleSize) {
    }

    @Override
    public double score(MetricInput input) {
        return evaluate(input).gap();
    }

    @Override
    public Map<String, Double> scoreWithDetails(String name, MetricInput input) {
        Result r = evaluate(input);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(name, r.gap());
        out.put(name + Metrics.SE_SUFFIX, r.se());
        out.put(name + Metrics.DETAIL_SUFFIX, (double) r.sampleSize());
        return out;
    }

    /** Draws the references, clusters them with k-means and computes the statistic. */
    public Result evaluate(MetricInput input) {
        int k = input.centroids().rows();
        long seed = Seeds.derive(input.seed(), "gap");
        FloatMatrix x = input.features();
        int[] labels = input.predicted();
        if (x.rows() > maxRows) {
            int[] sample = Silhouette.sample(x.rows(), maxRows, Seeds.derive(seed, "sample"));
            labels = new int[sample.length];
            for (int i = 0; i < sample.length; i++) {
                labels[i] = input.predicted()[sample[i]];
            }
            x = x.selectRows(sample);
        }
        if (k >= x.rows()) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, x.rows());
        }
        Parallelism parallel = Geometry.parallel(input);
        KMeans kmeans = new KMeans(KMeansOptions.defaults(k));
        List<FloatMatrix> refs = new ArrayList<>();
        List<int[]> refLabels = new ArrayList<>();
        for (int b = 0; b < references; b++) {
            long refSeed = Seeds.derive(seed, b);
            FloatMatrix ref = uniformInBoundingBox(x, Seeds.derive(refSeed, "draw"));
            refs.add(ref);
            refLabels.add(kmeans.fit(ref, new FitContext(Seeds.derive(refSeed, "fit"), parallel, FitListener.NONE))
                    .labels());
        }
        return of(x, labels, k, refs, refLabels);
    }

    /**
     * The statistic from given clusterings of the data and of the references (what
     * {@link #evaluate} computes once it has clustered its references; an oracle can pass its own).
     */
    public static Result of(FloatMatrix x, int[] labels, int k, List<FloatMatrix> refs, List<int[]> refLabels) {
        if (refs.size() != refLabels.size() || refs.size() < 2) {
            throw new IllegalArgumentException(refs.size() + " references with " + refLabels.size()
                    + " labellings; need as many, at least 2");
        }
        double logW = Math.log(withinSumOfSquares(x, labels, k));
        int b = refs.size();
        double[] logRef = new double[b];
        double sum = 0;
        for (int i = 0; i < b; i++) {
            logRef[i] = Math.log(withinSumOfSquares(refs.get(i), refLabels.get(i), k));
            sum += logRef[i];
        }
        double mean = sum / b;
        double squares = 0;
        for (double v : logRef) {
            squares += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(squares / (b - 1) * (1 + 1.0 / b));
        double gap = mean - logW;
        return new Result(Double.isFinite(gap) ? gap : Double.NaN, se, logW, mean, x.rows());
    }

    /**
     * The paper's {@code W_K = sum_r D_r / (2 n_r)}, {@code D_r} the sum of squared distances
     * between all ordered pairs of cluster r: the sum of squared distances to the clusters' own
     * means, in double precision.
     */
    static double withinSumOfSquares(FloatMatrix x, int[] labels, int k) {
        double[][] means = Geometry.means(x, labels, k);
        float[] data = x.data();
        double w = 0;
        for (int i = 0; i < labels.length; i++) {
            w += Geometry.squaredToMean(data, x.offset(i), means[labels[i]]);
        }
        return w;
    }

    /** As many rows as {@code x}, each feature uniform between its minimum and maximum in {@code x}. */
    static FloatMatrix uniformInBoundingBox(FloatMatrix x, long seed) {
        int n = x.rows();
        int d = x.cols();
        float[] lo = new float[d];
        float[] hi = new float[d];
        float[] data = x.data();
        for (int j = 0; j < d; j++) {
            lo[j] = Float.POSITIVE_INFINITY;
            hi[j] = Float.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            int off = x.offset(i);
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], data[off + j]);
                hi[j] = Math.max(hi[j], data[off + j]);
            }
        }
        SplittableRandom rng = Seeds.rng(seed);
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // clamp: rounding to float may land a hair outside [lo, hi]
                out[i * d + j] = Math.min(hi[j], (float) (lo[j] + (hi[j] - (double) lo[j]) * rng.nextDouble()));
            }
        }
        return FloatMatrix.wrap(n, d, out);
    }
}
