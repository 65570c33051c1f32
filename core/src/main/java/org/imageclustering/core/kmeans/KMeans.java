package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.SquaredEuclidean;
import org.imageclustering.core.StopReason;

/**
 * Lloyd's k-means (Lloyd 1982): alternate assigning every row to its nearest centre and moving
 * every centre to the mean of its rows, until a convergence test passes.
 *
 * <p>Rows are float32; centre sums and distortion are accumulated in float64. Restart {@code r}
 * uses the seed {@code Seeds.derive(seed, r)}, so any restart can be replayed alone. The labels of
 * the result are those of a final assignment to the returned centroids.
 *
 * <p>References: S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982);
 * D. Arthur and S. Vassilvitskii, k-means++: the advantages of careful seeding, SODA 2007.
 */
public final class KMeans implements ClusteringAlgorithm {
    private static final int CHUNK = 1024;

    private final KMeansOptions options;

    public KMeans(KMeansOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    public KMeansOptions options() {
        return options;
    }

    @Override
    public Clustering fit(FloatMatrix data, FitContext context) {
        if (data.rows() < options.k()) {
            throw new IllegalArgumentException("k = " + options.k() + " is larger than the number of rows ("
                    + data.rows() + ")");
        }
        data.requireFinite("the data");
        Clustering best = null;
        for (int r = 0; r < options.restarts(); r++) {
            FloatMatrix start = Initializers.initialCentroids(data, options, Seeds.derive(context.seed(), r));
            Clustering run = lloyd(data, start, context);
            if (best == null || run.distortion() < best.distortion()) {
                best = run;
            }
        }
        return best;
    }

    private Clustering lloyd(FloatMatrix data, FloatMatrix start, FitContext context) {
        int n = data.rows();
        int d = data.cols();
        int k = options.k();
        double shiftTolerance = options.toleranceMode() == ToleranceMode.CENTER_SHIFT
                ? options.tolerance() * meanFeatureVariance(data) : 0;
        float[] centers = start.data().clone();
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        int[] newLabels = new int[n];
        double[] dist = new double[n];
        List<IterationTrace> trace = new ArrayList<>();
        StopReason reason = StopReason.MAX_ITERATIONS;
        double previousDistortion = Double.NaN;
        long relocations = 0;
        int iteration = 0;
        while (iteration < options.maxIterations()) {
            long t0 = System.nanoTime();
            iteration++;
            FloatMatrix c = FloatMatrix.wrap(k, d, centers);
            context.parallel().forEach(n, CHUNK, (s, e) -> SquaredEuclidean.nearest(data, s, e, c, newLabels, dist));
            long changed = 0;
            double distortion = 0;
            for (int i = 0; i < n; i++) {
                if (newLabels[i] != labels[i]) {
                    changed++;
                }
                distortion += dist[i];
            }
            System.arraycopy(newLabels, 0, labels, 0, n);
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            float[] x = data.data();
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                counts[l]++;
                int o = i * d;
                int co = l * d;
                for (int j = 0; j < d; j++) {
                    sums[co + j] += x[o + j];
                }
            }
            relocations += relocateEmpty(data, labels, dist, counts, sums, iteration);
            float[] updated = new float[k * d];
            double shift = 0;
            for (int cl = 0; cl < k; cl++) {
                for (int j = 0; j < d; j++) {
                    float v = (float) (sums[cl * d + j] / counts[cl]);
                    double diff = (double) v - centers[cl * d + j];
                    shift += diff * diff;
                    updated[cl * d + j] = v;
                }
            }
            centers = updated;
            IterationTrace it = new IterationTrace(iteration, distortion, changed, shift, System.nanoTime() - t0);
            trace.add(it);
            context.listener().iterationDone(it);
            if (changed == 0) {
                reason = StopReason.NO_REASSIGNMENT;
                break;
            }
            if (options.toleranceMode() == ToleranceMode.CENTER_SHIFT && shift <= shiftTolerance) {
                reason = StopReason.CENTER_SHIFT_TOLERANCE;
                break;
            }
            if (options.toleranceMode() == ToleranceMode.RELATIVE_DISTORTION && previousDistortion > 0
                    && (previousDistortion - distortion) / previousDistortion <= options.tolerance()) {
                reason = StopReason.DISTORTION_TOLERANCE;
                break;
            }
            previousDistortion = distortion;
        }
        FloatMatrix finalCenters = FloatMatrix.wrap(k, d, centers);
        context.parallel().forEach(n, CHUNK, (s, e) -> SquaredEuclidean.nearest(data, s, e, finalCenters, labels, dist));
        int[] sizes = new int[k];
        double distortion = 0;
        for (int i = 0; i < n; i++) {
            sizes[labels[i]]++;
            distortion += dist[i];
        }
        Map<String, Object> diagnostics = new HashMap<>();
        diagnostics.put("empty_cluster_relocations", relocations);
        return new Clustering(labels, finalCenters, sizes, distortion, iteration, reason, trace, diagnostics);
    }

    /**
     * Gives every empty cluster a point according to the policy, moving that point's contribution
     * between the sums; returns how many clusters were relocated.
     */
    private int relocateEmpty(FloatMatrix data, int[] labels, double[] dist, int[] counts, double[] sums,
                              int iteration) {
        int k = counts.length;
        int d = data.cols();
        float[] x = data.data();
        int relocated = 0;
        for (int cl = 0; cl < k; cl++) {
            if (counts[cl] > 0) {
                continue;
            }
            if (options.emptyClusterPolicy() == EmptyClusterPolicy.ERROR) {
                throw new IllegalStateException("cluster " + cl + " became empty in iteration " + iteration
                        + " (empty-cluster policy 'error')");
            }
            int donorCluster = -1;
            if (options.emptyClusterPolicy() == EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT) {
                for (int c = 0; c < k; c++) {
                    if (donorCluster < 0 || counts[c] > counts[donorCluster]) {
                        donorCluster = c;
                    }
                }
            }
            int farthest = -1;
            for (int i = 0; i < labels.length; i++) {
                if (counts[labels[i]] <= 1 || (donorCluster >= 0 && labels[i] != donorCluster)) {
                    continue;
                }
                if (farthest < 0 || dist[i] > dist[farthest]) {
                    farthest = i;
                }
            }
            if (farthest < 0) {
                throw new IllegalStateException("cluster " + cl + " is empty and no cluster can give it a point");
            }
            int from = labels[farthest];
            counts[from]--;
            counts[cl]++;
            for (int j = 0; j < d; j++) {
                sums[from * d + j] -= x[farthest * d + j];
                sums[cl * d + j] += x[farthest * d + j];
            }
            labels[farthest] = cl;
            dist[farthest] = 0;
            relocated++;
        }
        return relocated;
    }

    /** Mean over features of the population variance of each feature (scikit-learn's tolerance scale). */
    static double meanFeatureVariance(FloatMatrix data) {
        int n = data.rows();
        int d = data.cols();
        float[] x = data.data();
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double dv = x[i * d + j] - mean;
                var += dv * dv;
            }
            total += var / n;
        }
        return total / d;
    }
}
