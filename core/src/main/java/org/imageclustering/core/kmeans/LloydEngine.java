package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.StopReason;

/**
 * One k-means run from given starting centres, by Lloyd's iteration or Hamerly's or Elkan's bounded
 * versions of it: the loop of assignment ({@link AssignmentPasses}: one {@link KMeansBlock} of all
 * rows in this JVM, or blocks elsewhere), combination of the partial sums ({@link ClusterSums}), relocation of empty
 * clusters ({@link EmptyClusterRelocation}), update, and the stopping rules.
 *
 * <p><b>Determinism.</b> Rows are cut into fixed chunks (their size depends on n, k and d only,
 * {@link AssignmentStep#chunkSize}). Each chunk keeps its own counts per centre and, in float64,
 * the change of each centre's sum since the last combination, made in row order by the rows whose
 * label changed; the sums are updated by adding those changes in chunk order. Labels are the
 * kernel's exact argmin. The result is therefore bit-identical at any thread count and for every
 * variant, which make the same label changes in the same order; the distortion comes from the
 * sums, so it is too.
 *
 * <p><b>Memory.</b> Besides the data (never copied, except once by Lloyd's row-lane kernel at
 * small k, see {@link KMeansBlock}): per row a label and two bounds (Hamerly) or k + 2 bounds
 * (Elkan, allocated once per run); per chunk {@code k x d} doubles, with the chunk count capped so
 * that these stay under {@value AssignmentStep#PARTIAL_BUDGET} doubles. Nothing proportional to
 * {@code n x k} or {@code chunks x k x d} is allocated per iteration.
 *
 * <p>References: S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982);
 * G. Hamerly, Making k-means even faster, SDM 2010; C. Elkan, Using the triangle inequality to
 * accelerate k-means, ICML 2003.
 */
final class LloydEngine {
    private final DataSummary summary;
    private final KMeansOptions options;
    private final Parallelism parallel;
    private final int n;
    private final int d;
    private final int k;
    private final int chunk;
    private final AssignmentPasses.Factory passesFactory;

    /** The data matrix, or null when the rows live elsewhere and {@code passesFactory} knows where. */
    private final FloatMatrix data;

    LloydEngine(FloatMatrix data, DataSummary summary, KMeansOptions options, Parallelism parallel,
                AssignmentPasses.Factory passesFactory) {
        this(data, data.rows(), data.cols(), summary, options, parallel, passesFactory);
    }

    LloydEngine(FloatMatrix data, int n, int d, DataSummary summary, KMeansOptions options, Parallelism parallel,
                AssignmentPasses.Factory passesFactory) {
        this.data = data;
        this.passesFactory = passesFactory;
        this.summary = summary;
        this.options = options;
        this.parallel = parallel;
        this.n = n;
        this.d = d;
        this.k = options.k();
        this.chunk = AssignmentStep.chunkSize(n, k, d);
    }

    Clustering run(FloatMatrix start, KMeansVariant variant, FitContext context) {
        try (AssignmentPasses passes = passesFactory.open(data, summary.rowNorms(), options, variant, chunk, parallel)) {
            return run(start, variant, context, passes);
        }
    }

    private Clustering run(FloatMatrix start, KMeansVariant variant, FitContext context, AssignmentPasses passes) {
        ClusterSums sums = new ClusterSums(k, d);
        EmptyClusterRelocation relocation = new EmptyClusterRelocation(EmptyClusterStrategy.of(options.emptyClusterPolicy()));
        float[] centers = start.data().clone();
        double[] moved = new double[k];
        double shiftTolerance = options.tolerance() * summary.meanVariance();
        long[] work = new long[2]; // distances, exact tie checks
        int pass = 0;

        List<IterationTrace> trace = new ArrayList<>();
        StopReason reason = StopReason.MAX_ITERATIONS;
        double previousDistortion = Double.NaN;
        long relocations = 0;
        int relocatedBefore = 0;
        boolean centersAreFinal = false;
        int iteration = 0;
        while (iteration < options.maxIterations()) {
            long t0 = System.nanoTime();
            iteration++;
            pass++;
            long changed = assignAll(passes, pass, centers, moved, sums, work);
            double distortion = sums.distortion(centers, summary.totalSquaredNorm());
            int relocated = relocation.relocate(centers, passes, sums, iteration, pass);
            relocations += relocated;
            double shift = sums.updateCentres(centers, moved, options.spherical());
            IterationTrace it = new IterationTrace(iteration, distortion, changed, shift, System.nanoTime() - t0);
            trace.add(it);
            context.listener().iterationDone(it);
            boolean stop = false;
            if (changed == 0 && relocated == 0 && relocatedBefore == 0) {
                // Unchanged labels and no relocation now or before: the update reproduced the very
                // centres this assignment used, so they are the means of these labels and the labels
                // are nearest to them, a fixed point. A relocation moves sums without moving labels,
                // so unchanged labels right after one are no fixed point: the iteration goes on.
                reason = StopReason.NO_REASSIGNMENT;
                centersAreFinal = true;
                stop = true;
            } else if (options.toleranceMode() == ToleranceMode.CENTER_SHIFT && shift <= shiftTolerance) {
                reason = StopReason.CENTER_SHIFT_TOLERANCE;
                stop = true;
            } else if (options.toleranceMode() == ToleranceMode.RELATIVE_DISTORTION && previousDistortion > 0
                    && (previousDistortion - distortion) / previousDistortion <= options.tolerance()) {
                reason = StopReason.DISTORTION_TOLERANCE;
                stop = true;
            }
            if (stop) {
                break;
            }
            previousDistortion = distortion;
            relocatedBefore = relocated;
        }
        if (!centersAreFinal) {
            // One more assignment, as scikit-learn makes, so that the labels are those of the last
            // centres; the bounded variants' bounds are already widened for these centres, so they
            // skip most rows here too. Then the centres become the means of these labels, from the
            // sums the combination just brought up to date (O(k d)), so that labels, centroids, sizes
            // and distortion describe one state.
            pass++;
            assignAll(passes, pass, centers, moved, sums, work);
            sums.moveToMeans(centers, options.spherical());
        }
        // From the sums of the final labels, as every iteration's distortion: O(k d) instead of a
        // distance per row, and the same bits for every variant, which reach the same sums.
        double distortion = sums.distortion(centers, summary.totalSquaredNorm());
        long lloydDistances = (long) n * k * iteration + (centersAreFinal ? 0 : (long) n * k);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("variant", variant.yamlName());
        diagnostics.put("empty_cluster_relocations", relocations);
        diagnostics.put("distance_computations", work[0]);
        diagnostics.put("distance_computations_lloyd", lloydDistances);
        diagnostics.put("distance_computations_saved", lloydDistances - work[0]);
        diagnostics.put("exact_tie_checks", work[1]);
        if (options.spherical()) {
            diagnostics.put("spherical", true);
        }
        diagnostics.putAll(passes.diagnostics());
        return new Clustering(passes.labels(), FloatMatrix.wrap(k, d, centers), sums.sizes(), distortion, iteration,
                reason, trace, diagnostics);
    }

    /**
     * One assignment pass over every row ({@code moved} is ignored by the first), its partials
     * combined into {@code sums}; returns how many labels changed and adds the pass's distances
     * and exact tie checks to {@code work}.
     */
    private long assignAll(AssignmentPasses passes, int pass, float[] centers, double[] moved, ClusterSums sums,
                           long[] work) {
        passes.pass(pass, centers, pass == 1 ? null : moved);
        List<ChunkPartials> partials = passes.partials();
        sums.combine(partials, parallel);
        long changed = 0;
        for (ChunkPartials p : partials) {
            work[0] += p.takeDistances();
            work[1] += p.takeExactChecks();
            changed += p.takeChanged();
        }
        return changed;
    }
}
