package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.DistinctRows;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Mini-batch k-means (Sculley, Web-scale k-means clustering, WWW 2010): each step assigns a random
 * batch of rows to the nearest centres and moves each centre towards its batch rows with a
 * per-centre learning rate of 1 / (rows it has seen), for data too large to sweep every iteration.
 *
 * <p>It follows scikit-learn's {@code MiniBatchKMeans} (1.2) in the practical details: batches of
 * {@code batch-size} rows drawn with replacement; initialisation on a random subset of
 * {@code init-size} rows, the best of {@code restarts} initialisations judged on a validation subset;
 * early stopping when an exponentially weighted average of the batch distortion (weight
 * {@code 2 batch / (n + 1)}) has not reached a new minimum for {@code max-no-improvement} steps, or
 * when one step moves the centres less than the tolerance; every {@code 10 k} rows seen (or whenever
 * a centre has no rows yet), centres whose count is below {@code reassignment-ratio} times the
 * largest count move to random rows of the batch, and their counts are raised to the smallest
 * remaining count. A final full assignment to the mini-batch centres gives the labels; the returned
 * centroids are then the means of those labels (one full update, so centroids, sizes and distortion
 * describe the labels; scikit-learn returns the mini-batch centres instead), and the distortion is
 * measured against them.
 *
 * <p>The trace has one entry per pass over the data ({@code n / batch} steps): distortion is the
 * smoothed batch distortion scaled to n rows, reassignments the centres moved to random rows, and
 * centre shift the sum of the steps' squared shifts. Deterministic for a seed at any thread count
 * (batches are drawn sequentially; the assignment is per row; the updates run in batch order).
 */
public final class MiniBatchKMeans implements ClusteringAlgorithm {
    private final MiniBatchKMeansOptions options;

    public MiniBatchKMeans(MiniBatchKMeansOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    public MiniBatchKMeansOptions options() {
        return options;
    }

    @Override
    public Clustering fit(FloatMatrix data, FitContext context) {
        int k = options.k();
        KMeans.validate(data, options.initOptions());
        data.requireFinite("the data");
        int n = data.rows();
        int d = data.cols();
        Parallelism parallel = context.parallel();
        SplittableRandom rng = Seeds.rng(Seeds.derive(context.seed(), "minibatch"));
        int batch = Math.min(options.batchSize(), n);
        int initSize = options.initSize() > 0 ? options.initSize() : Math.max(3 * batch, 3 * k);
        initSize = Math.max(k, Math.min(initSize, n));
        double[] xNorms = SquaredEuclidean.squaredNorms(data, parallel);

        // Initialisation: the best of `restarts` on random subsets, judged on a validation subset.
        FloatMatrix validation = data.selectRows(randomRows(rng, n, initSize));
        double[] validationNorms = new double[initSize];
        SquaredEuclidean.squaredNorms(validation, 0, initSize, validationNorms);
        float[] centers = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < options.restarts(); r++) {
            FloatMatrix subset = data.selectRows(randomRows(rng, n, initSize));
            FloatMatrix start = Initializers.initialCentroids(subset, options.initOptions(),
                    Seeds.derive(context.seed(), r), parallel);
            double inertia = inertia(validation, validationNorms, start, parallel);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                centers = start.data().clone();
            }
        }

        double shiftTolerance = options.tolerance() > 0
                ? options.tolerance() * DataSummary.of(data, parallel).meanVariance() : 0;
        double[] counts = new double[k];
        int[] batchRows = new int[batch];
        MiniBatchStep batchStep = new MiniBatchStep(data, xNorms, k);
        double[] sums = batchStep.sums;
        int[] members = batchStep.counts;
        long steps = Math.max(1, (long) options.maxIterations() * n / batch);
        long stepsPerEpoch = Math.max(1, n / batch);
        double alpha = Math.min(1, batch * 2.0 / (n + 1));
        double ewa = Double.NaN;
        double ewaMin = Double.NaN;
        int noImprovement = 0;
        long sinceReassign = 0;
        long reassignedTotal = 0;
        List<IterationTrace> trace = new ArrayList<>();
        long epochStart = System.nanoTime();
        long epochReassigned = 0;
        double epochShift = 0;
        StopReason reason = StopReason.MAX_ITERATIONS;
        float[] x = data.data();
        long step = 0;
        while (step < steps) {
            for (int b = 0; b < batch; b++) {
                batchRows[b] = rng.nextInt(n);
            }
            sinceReassign += batch;
            boolean reassign = false;
            for (double c : counts) {
                reassign |= c == 0;
            }
            if (reassign || sinceReassign >= 10L * k) {
                reassign = true;
                sinceReassign = 0;
            }
            Centers prepared = Centers.of(FloatMatrix.wrap(k, d, centers));
            double batchInertia = batchStep.assign(batchRows, batch, prepared, parallel);
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (members[c] == 0) {
                    continue;
                }
                double total = counts[c] + members[c];
                int cb = c * d;
                for (int j = 0; j < d; j++) {
                    float v = (float) ((centers[cb + j] * counts[c] + sums[cb + j]) / total);
                    double diff = (double) v - centers[cb + j];
                    shift += diff * diff;
                    centers[cb + j] = v;
                }
                counts[c] = total;
            }
            if (reassign && options.reassignmentRatio() > 0) {
                int moved = reassignStarving(centers, counts, batchRows, x, d, batch, rng);
                reassignedTotal += moved;
                epochReassigned += moved;
            }
            epochShift += shift;
            step++;
            boolean stop = false;
            double meanInertia = batchInertia / batch;
            if (step > 1) { // the first step's distortion is that of the initialisation
                ewa = Double.isNaN(ewa) ? meanInertia : ewa * (1 - alpha) + meanInertia * alpha;
                if (shiftTolerance > 0 && shift <= shiftTolerance) {
                    reason = StopReason.CENTER_SHIFT_TOLERANCE;
                    stop = true;
                } else {
                    if (Double.isNaN(ewaMin) || ewa < ewaMin) {
                        noImprovement = 0;
                        ewaMin = ewa;
                    } else {
                        noImprovement++;
                    }
                    if (options.maxNoImprovement() > 0 && noImprovement >= options.maxNoImprovement()) {
                        reason = StopReason.NO_IMPROVEMENT;
                        stop = true;
                    }
                }
            }
            if (stop || step % stepsPerEpoch == 0 || step == steps) {
                IterationTrace it = new IterationTrace(trace.size() + 1,
                        (Double.isNaN(ewa) ? meanInertia : ewa) * n, epochReassigned, epochShift,
                        System.nanoTime() - epochStart);
                trace.add(it);
                context.listener().iterationDone(it);
                epochStart = System.nanoTime();
                epochReassigned = 0;
                epochShift = 0;
            }
            if (stop) {
                break;
            }
        }
        float[] means = centers;
        Centers prepared = Centers.of(FloatMatrix.wrap(k, d, means));
        int[] labels = new int[n];
        parallel.forEach(n, 2048, (s, e) -> SquaredEuclidean.assign(data, xNorms, s, e, prepared, labels, null));
        int[] sizes = moveToMeans(x, d, labels, means);
        double distortion = parallel.mapReduce(n, 2048, (s, e) -> {
            double sum = 0;
            for (int i = s; i < e; i++) {
                sum += SquaredEuclidean.distance(x, i * d, means, labels[i] * d, d);
            }
            return sum;
        }, 0.0, Double::sum);
        FloatMatrix finalCenters = FloatMatrix.wrap(k, d, means);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("steps", step);
        diagnostics.put("batch_size", batch);
        diagnostics.put("reassigned_centres", reassignedTotal);
        diagnostics.put("smoothed_batch_distortion", Double.isNaN(ewa) ? null : ewa * n);
        diagnostics.values().removeIf(java.util.Objects::isNull);
        int epochs = (int) Math.min(Integer.MAX_VALUE, (step * batch + n - 1) / n);
        return DistinctRows.warnIfTooFew(data,
                new Clustering(labels, finalCenters, sizes, distortion, epochs, reason, trace, diagnostics), false);
    }

    /**
     * Moves every centre with rows to the mean of its rows (float64 sums in row order, so the same
     * bits at any thread count; one O(n d) pass); a centre without rows keeps its place. Returns
     * the rows per centre.
     */
    private static int[] moveToMeans(float[] x, int d, int[] labels, float[] centers) {
        int k = centers.length / d;
        double[] sums = new double[k * d];
        int[] sizes = new int[k];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            sizes[l]++;
            AssignmentStep.addRow(x, i * d, sums, l * d, d);
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d && sizes[c] > 0; j++) {
                centers[c * d + j] = (float) (sums[c * d + j] / sizes[c]);
            }
        }
        return sizes;
    }

    /** scikit-learn's reassignment of centres with too few rows to random rows of the batch. */
    private int reassignStarving(float[] centers, double[] counts, int[] batchRows, float[] x, int d, int batch,
                                 SplittableRandom rng) {
        int k = counts.length;
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        boolean[] starving = new boolean[k];
        int number = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] < options.reassignmentRatio() * max) {
                starving[c] = true;
                number++;
            }
        }
        int limit = batch / 2;
        if (number > limit) {
            // Keep only the `limit` lowest counts (stable order) for reassignment.
            Integer[] order = new Integer[k];
            for (int c = 0; c < k; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Double.compare(counts[a], counts[b]));
            for (int r = limit; r < k; r++) {
                starving[order[r]] = false;
            }
            number = limit;
        }
        if (number == 0) {
            return 0;
        }
        int[] picks = randomDistinct(rng, batch, number);
        double minKept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (!starving[c]) {
                minKept = Math.min(minKept, counts[c]);
            }
        }
        int p = 0;
        for (int c = 0; c < k; c++) {
            if (starving[c]) {
                System.arraycopy(x, batchRows[picks[p++]] * d, centers, c * d, d);
                counts[c] = minKept == Double.POSITIVE_INFINITY ? 0 : minKept;
            }
        }
        return number;
    }

    private static int[] randomRows(SplittableRandom rng, int n, int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = rng.nextInt(n);
        }
        return rows;
    }

    /** {@code m} distinct indices of {@code [0, n)} (partial Fisher-Yates). */
    private static int[] randomDistinct(SplittableRandom rng, int n, int m) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int r = 0; r < m; r++) {
            int j = r + rng.nextInt(n - r);
            int t = idx[r];
            idx[r] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, m);
    }

    private static double inertia(FloatMatrix points, double[] norms, FloatMatrix centers, Parallelism parallel) {
        Centers prepared = Centers.of(centers);
        int m = points.rows();
        int[] labels = new int[m];
        double[] dist = new double[m];
        return parallel.mapReduce(m, 1024, (s, e) -> {
            SquaredEuclidean.assign(points, norms, s, e, prepared, labels, dist);
            double sum = 0;
            for (int i = s; i < e; i++) {
                sum += dist[i];
            }
            return sum;
        }, 0.0, Double::sum);
    }
}
