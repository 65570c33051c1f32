package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.IterationTrace;
import org.imageclustering.core.Parallelism;
import org.imageclustering.core.StopReason;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.NearTies;
import org.imageclustering.core.distance.RowBlocks;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * One k-means run from given starting centres, by Lloyd's iteration or Hamerly's or Elkan's bounded
 * versions of it; they share this class so that they share every step except the assignment.
 *
 * <p><b>Determinism.</b> Rows are cut into fixed chunks (their size depends on n, k and d only).
 * Each chunk keeps its own counts per centre and, in float64, the change of each centre's sum since
 * the last reduction, updated in row order for the rows whose label changed (so a chunk whose rows
 * all kept their labels costs nothing); the centre sums are updated by adding those changes in
 * chunk order, only for the (chunk, centre) pairs that have one. Labels come from the kernel's
 * exact-argmin rule. The result is therefore bit-identical
 * at any thread count and for every variant, which make the same label changes in the same order;
 * the distortion comes from the sums, so it is too.
 *
 * <p><b>Memory.</b> Besides the data (never copied, except once by Lloyd's row-lane kernel at
 * small k, see {@link #rowBlocks}): per row a label and two bounds (Hamerly) or
 * k + 2 bounds (Elkan, allocated once per run); per chunk {@code k x d} doubles, with
 * the chunk count capped so that these stay under {@value #PARTIAL_BUDGET} doubles. Nothing
 * proportional to {@code n x k} or {@code chunks x k x d} is allocated per iteration.
 *
 * <p>References: S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982);
 * G. Hamerly, Making k-means even faster, SDM 2010; C. Elkan, Using the triangle inequality to
 * accelerate k-means, ICML 2003.
 */
final class LloydEngine {
    private static final int MIN_CHUNK = 1024;
    /** Doubles allowed for the per-chunk centre sums (128 MiB). */
    private static final long PARTIAL_BUDGET = 16L << 20;
    /** Relative margin of Hamerly's skip test, far above the double rounding of the bounds. */
    private static final double BOUND_SLACK = 1e-9;
    /**
     * Centres up to which comparing a row with all of them costs about what reading the row does
     * (the kernel is memory-bound there); beyond, its arithmetic grows with k. The unit of
     * Hamerly's tightening decision.
     */
    private static final double TIGHTEN_BREAK_EVEN_K = 16;
    /**
     * What one distance by the few-pair kernel ({@code approximateMany}, rows gathered one by one)
     * costs in distances of the block kernel; measured on Fashion-MNIST K=50 (about 4x).
     */
    private static final int FEW_PAIR_COST = 4;
    /**
     * How much a full refresh of an open row's bounds is worth against computing only its admitted
     * rivals, in units of the latter's cost: refreshed rows fail again less often (on Fashion-MNIST
     * K=50 a third fewer rows are re-read). Measured there: weights 3, 6 and "always refresh"
     * within 3% of each other in CPU time, 6 the best; at K=10 every weight refreshes.
     */
    private static final int REFRESH_WEIGHT = 6;
    /** Per skipped iteration, the factor on a chunk's remembered tightening failure rate. */
    private static final double TIGHTEN_RETRY_DECAY = 0.8;
    /**
     * Fewest iterations allowed for which Lloyd copies the data into row blocks (at most
     * {@value SquaredEuclidean#ROW_LANE_MAX_K} centres): on Fashion-MNIST at K=10 the copy takes
     * 66-91 ms and each assignment pass then takes about 5 ms less (15 -> 10 ms), so it repays
     * itself after 13-18 iterations of a fit that runs to its limit, and fits usually run dozens.
     */
    static final int ROW_BLOCKS_MIN_ITERATIONS = 15;

    private final FloatMatrix data;
    private final DataSummary summary;
    private final KMeansOptions options;
    private final Parallelism parallel;
    private final int n;
    private final int d;
    private final int k;
    private final int chunk;
    private final int chunks;
    /** The data in row blocks, built by the first Lloyd run that uses them (see {@link #rowBlocks}). */
    private RowBlocks rowBlocks;

    LloydEngine(FloatMatrix data, DataSummary summary, KMeansOptions options, Parallelism parallel) {
        this.data = data;
        this.summary = summary;
        this.options = options;
        this.parallel = parallel;
        this.n = data.rows();
        this.d = data.cols();
        this.k = options.k();
        this.chunk = chunkSize(n, k, d);
        this.chunks = Parallelism.chunkCount(n, chunk);
    }

    /** Rows per chunk: at least {@value #MIN_CHUNK}, more when the per-chunk sums would exceed the budget. */
    static int chunkSize(int n, int k, int d) {
        long maxChunks = Math.max(1, PARTIAL_BUDGET / ((long) k * d));
        long size = (n + maxChunks - 1) / maxChunks;
        long step = SquaredEuclidean.ROW_LANE_STEP; // chunks start where the row-lane kernel can
        return (int) Math.max(MIN_CHUNK, (size + step - 1) / step * step);
    }

    /**
     * The data in row blocks for Lloyd's row-lane kernel, when it has few enough centres, enough
     * iterations to repay the copy, and room for it (at most a quarter of the maximum heap); else null. The
     * kernel gives the same bits either way, so this changes the speed only.
     */
    private RowBlocks rowBlocks(KMeansVariant variant) {
        if (variant != KMeansVariant.LLOYD || k > SquaredEuclidean.ROW_LANE_MAX_K
                || options.maxIterations() < ROW_BLOCKS_MIN_ITERATIONS) {
            return null;
        }
        if (rowBlocks == null) { // once per engine: restarts share it
            // A fixed share of the maximum heap, not of the free heap: that counts uncollected
            // garbage as used, which would make the choice (never the result) vary from fit to fit.
            long bytes = RowBlocks.bytes(data);
            if (bytes <= Runtime.getRuntime().maxMemory() / 4 && bytes / 4 < Integer.MAX_VALUE - 8) {
                rowBlocks = RowBlocks.of(data, parallel);
            }
        }
        return rowBlocks;
    }

    Clustering run(FloatMatrix start, KMeansVariant variant, FitContext context) {
        boolean elkan = variant == KMeansVariant.ELKAN;
        boolean bounded = variant != KMeansVariant.LLOYD;
        if (elkan && (long) n * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("variant elkan needs n x k = " + ((long) n * k)
                    + " lower bounds, more than one Java array holds; use hamerly");
        }
        State st = new State(variant, start.data().clone());
        st.rowBlocks = rowBlocks(variant);
        float[] centers = st.centers;
        double[] totals = new double[k * d];
        long[] counts = new long[k];
        double shiftTolerance = options.tolerance() * summary.meanVariance();

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
            long changed = st.assignAll(!bounded || iteration == 1);
            reduce(st, totals, counts);
            double distortion = assignmentDistortion(centers, totals, counts);
            int relocated = relocateEmpty(centers, st.labels, totals, counts, iteration, st.relocationBackup,
                    st.relocationSaved);
            relocations += relocated;
            double shift = updateCenters(centers, totals, counts, st.moved);
            st.prepared = Centers.of(FloatMatrix.wrap(k, d, centers));
            if (bounded) {
                prepareBounds(st.prepared, st.moved, st.halfGap, st.largestMoves, st.halfCenterGap);
                if (st.elkan) {
                    for (int c = 0; c < k; c++) {
                        st.drift[c] += st.moved[c];
                    }
                }
            }
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
            // sums the reduction just brought up to date (O(k d)), so that labels, centroids, sizes
            // and distortion describe one state.
            st.assignAll(!bounded);
            reduce(st, totals, counts);
            moveToMeans(centers, totals, counts);
        }
        // From the sums of the final labels, as every iteration's distortion: O(k d) instead of a
        // distance per row, and the same bits for every variant, which reach the same sums.
        double distortion = assignmentDistortion(centers, totals, counts);
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            sizes[c] = (int) counts[c];
        }
        long lloydDistances = (long) n * k * iteration + (centersAreFinal ? 0 : (long) n * k);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("variant", variant.yamlName());
        diagnostics.put("empty_cluster_relocations", relocations);
        diagnostics.put("distance_computations", st.distances);
        diagnostics.put("distance_computations_lloyd", lloydDistances);
        diagnostics.put("distance_computations_saved", lloydDistances - st.distances);
        diagnostics.put("exact_tie_checks", st.exactChecks);
        if (variant == KMeansVariant.LLOYD) {
            diagnostics.put("row_lane_kernel", st.rowBlocks != null);
        }
        return new Clustering(st.labels, FloatMatrix.wrap(k, d, centers), sizes, distortion, iteration, reason, trace,
                diagnostics);
    }

    /**
     * The per-run arrays: labels, the bounds of the bounded variants, the per-chunk sums, and the
     * centre movement bookkeeping that the next assignment reads.
     */
    private final class State {
        final boolean elkan;
        final boolean bounded;
        final float[] centers;
        final int[] labels = new int[n];
        final int[] fresh = new int[n];
        final double[] upper;
        final double[] lower;
        final double[] lowerAll;
        final int[] gather;
        /** Per chunk, the change of each centre's sum since the last reduction (zero where not {@link #touched}). */
        final double[][] pendingSums = new double[chunks][k * d];
        final int[][] partialCounts = new int[chunks][k];
        /** Per chunk, the centres whose sums it changed since the last reduction. */
        final boolean[][] touched = new boolean[chunks][k];
        /**
         * The totals of the centres that the last relocation of empty clusters edited, as they were
         * before (marked in {@link #relocationSaved}): the next reduction restores them, because the
         * edit moves sums for one update only and labels settle the rest.
         */
        final double[] relocationBackup = new double[k * d];
        final boolean[] relocationSaved = new boolean[k];
        final long[] changedPerChunk = new long[chunks];
        final long[] distancesPerChunk = new long[chunks];
        final long[] exactPerChunk = new long[chunks];
        /** Per chunk: the share of the rows whose tightened upper bound still failed Hamerly's test, last time it was tried. */
        final double[] tightenFailure = new double[chunks];
        final double[] moved = new double[k];
        final double[] halfGap = new double[k];
        /** Index of the centre that moved most, its move, the runner-up's move. */
        final double[] largestMoves = new double[3];
        final double[] halfCenterGap;
        /** Elkan: each centre's drift, the sum of its moves so far (see {@link #elkanChunk}). */
        final double[] drift;
        /** The current centres, packed for the kernel once per update. */
        Centers prepared;
        /** Lloyd: the data in row blocks for the row-lane kernel, or null (see {@link #rowBlocks}). */
        RowBlocks rowBlocks;
        long distances;
        long exactChecks;
        /** Per chunk, where the touch loop of {@link #elkanChunk} leaves its sum, so that the JIT keeps the loads. */
        final double[] touchSink = new double[chunks];

        State(KMeansVariant variant, float[] centers) {
            this.elkan = variant == KMeansVariant.ELKAN;
            this.bounded = variant != KMeansVariant.LLOYD;
            this.centers = centers;
            this.prepared = Centers.of(FloatMatrix.wrap(k, d, centers));
            java.util.Arrays.fill(labels, -1);
            upper = bounded ? new double[n] : null;
            lower = bounded ? new double[n] : null;
            lowerAll = elkan ? new double[n * k] : null;
            gather = bounded ? new int[n] : null;
            halfCenterGap = elkan ? new double[k * k] : null;
            drift = elkan ? new double[k] : null;
        }

        /**
         * Assigns every row to its nearest current centre (all centres for every row when
         * {@code full}, else by the variant's bounds) and moves the changed rows between the
         * chunk sums; returns how many rows changed.
         */
        long assignAll(boolean full) {
            Centers prepared = this.prepared;
            double[] xNorms = summary.rowNorms();
            parallel.forEach(n, chunk, (s, e) -> {
                int ch = s / chunk;
                long dc;
                long ex;
                if (!bounded) {
                    ex = rowBlocks == null ? SquaredEuclidean.assign(data, xNorms, s, e, prepared, fresh, null)
                            : SquaredEuclidean.assignRowLanes(data, rowBlocks, xNorms, s, e, prepared, fresh, null);
                    dc = (long) (e - s) * k;
                } else if (full) {
                    ex = lowerAll == null
                            ? SquaredEuclidean.assignWithBounds(data, xNorms, s, e, prepared, fresh, null, upper, lower)
                            : SquaredEuclidean.assignWithCentreBounds(data, xNorms, s, e, prepared, fresh, null, upper,
                                    lower, lowerAll, drift);
                    dc = (long) (e - s) * k;
                } else if (elkan) {
                    long[] work = elkanChunk(s, e, prepared, this);
                    dc = work[0];
                    ex = work[1];
                } else {
                    long[] work = hamerlyChunk(s, e, prepared, labels, fresh, upper, lower, gather, halfGap, xNorms,
                            moved, largestMoves, tightenFailure, ch);
                    dc = work[0];
                    ex = work[1];
                }
                distancesPerChunk[ch] = dc;
                exactPerChunk[ch] = ex;
                changedPerChunk[ch] = applyChanges(s, e, data.data(), labels, fresh, pendingSums[ch],
                        partialCounts[ch], touched[ch]);
            });
            long changed = 0;
            for (int ch = 0; ch < chunks; ch++) {
                changed += changedPerChunk[ch];
                distances += distancesPerChunk[ch];
                exactChecks += exactPerChunk[ch];
            }
            return changed;
        }
    }

    /**
     * Hamerly's test for rows {@code [s, e)}: rows whose bounds prove the label are skipped; the
     * others first tighten the upper bound with one distance, and only then are compared with all
     * centres. Writes every row's (possibly unchanged) label to {@code fresh}.
     *
     * <p>Tightening reads a row to save comparing it with every centre; when most tightened rows
     * fail the test anyway (early iterations, and small k, where comparing a row with every centre
     * costs about what reading it does) the chunk sends its failing rows straight to the full
     * comparison. The choice only moves work: every label is the exact argmin either way.
     */
    private long[] hamerlyChunk(int s, int e, Centers prepared, int[] labels, int[] fresh,
                                double[] upper, double[] lower, int[] gather, double[] halfGap, double[] xNorms,
                                double[] moved, double[] largestMoves, double[] tightenFailure, int ch) {
        int farIndex = (int) largestMoves[0];
        double farMove = largestMoves[1];
        double secondMove = largestMoves[2];
        // Pass 1: widen the bounds by the last centre moves (triangle inequality); rows whose
        // bounds still prove the label are done.
        int m = s;
        for (int i = s; i < e; i++) {
            int a = labels[i];
            fresh[i] = a;
            upper[i] += moved[a];
            lower[i] = Math.max(0, lower[i] - (a == farIndex ? secondMove : farMove));
            if (upper[i] >= Math.max(halfGap[a], lower[i]) * (1 - BOUND_SLACK)) {
                gather[m++] = i;
            }
        }
        long dc = 0;
        int full = m;
        if (tightenPays(tightenFailure[ch])) {
            // Pass 2: tighten the upper bound of the others with one distance each, then test again.
            SquaredEuclidean.upperBounds(data, xNorms, gather, s, m, prepared, labels, upper);
            dc += m - s;
            full = s;
            for (int g = s; g < m; g++) {
                int i = gather[g];
                int a = labels[i];
                if (upper[i] >= Math.max(halfGap[a], lower[i]) * (1 - BOUND_SLACK)) {
                    gather[full++] = i;
                }
            }
            tightenFailure[ch] = m > s ? (double) (full - s) / (m - s) : 0;
        } else {
            // not measured this time: let the estimate decay so that the chunk tries again later
            tightenFailure[ch] *= TIGHTEN_RETRY_DECAY;
        }
        // Pass 3: the rest are compared with every centre.
        long ex = 0;
        if (full > s) {
            ex = SquaredEuclidean.assignRowsWithBounds(data, xNorms, gather, s, full, prepared, fresh, null, upper, lower);
            dc += (long) (full - s) * k;
        }
        return new long[] {dc, ex};
    }

    /**
     * Whether tightening pays, given the share of tightened rows that still failed last time: it
     * costs a row read for every row it tries and saves a full comparison (worth about
     * {@code max(1, k / 16)} row reads) for each row it clears.
     */
    private boolean tightenPays(double failure) {
        double fullCost = Math.max(1.0, k / TIGHTEN_BREAK_EVEN_K);
        return failure * fullCost + 1 < fullCost;
    }

    /**
     * Elkan's test for rows {@code [s, e)} (Elkan, Using the triangle inequality to accelerate
     * k-means, ICML 2003), with Hamerly's single bound in front of it. Each row keeps an upper bound
     * {@code u} to its own centre, Hamerly's lower bound to all others, and a lower bound per
     * centre. The per-centre bounds are stored plus the centre's drift (the sum of its moves so
     * far) at the time they were set, so the current bound is the stored value less the drift now:
     * widening them costs nothing, and a row's k bounds are read only when its cheap bounds fail.
     * Passes: skip rows with {@code u} below Hamerly's bound or half the gap to the nearest centre;
     * then rows whose {@code u} is below every other centre's bound or half gap {@code ||c_a - c|| / 2}
     * (still unread). The open rows are then compared, by a cost rule on the rivals their bounds
     * admit: with every centre by the block kernel (the whole chunk when most rows are open, else
     * the open rows, which refreshes all their bounds), or with only the admitted rivals by the
     * few-pair kernel. Either way the label is chosen by the kernel's exact rule, and every centre
     * not computed is provably farther than the own centre, so it is the exact argmin, as in Lloyd.
     */
    private long[] elkanChunk(int s, int e, Centers prepared, State st) {
        int[] labels = st.labels;
        int[] fresh = st.fresh;
        double[] upper = st.upper;
        double[] lower = st.lower;
        double[] lowerAll = st.lowerAll;
        double[] drift = st.drift;
        double[] halfCenterGap = st.halfCenterGap;
        double[] halfGap = st.halfGap;
        double[] moved = st.moved;
        int[] gather = st.gather;
        int farIndex = (int) st.largestMoves[0];
        double farMove = st.largestMoves[1];
        double secondMove = st.largestMoves[2];
        int m = s;
        long pairs = 0;
        int f = s;
        for (int i = s; i < e; i++) {
            int a = labels[i];
            fresh[i] = a;
            double u = upper[i] += moved[a];
            double l = lower[i] = Math.max(0, lower[i] - (a == farIndex ? secondMove : farMove));
            if (u >= Math.max(halfGap[a], l) * (1 - BOUND_SLACK)) {
                gather[f++] = i;
            }
        }
        // Touch the bounds of the rows to scan first: independent loads, so many cache misses are
        // in flight at once, where the scan would wait for each row's in turn.
        double touched = 0;
        for (int g = s; g < f; g++) {
            int base = gather[g] * k;
            for (int c = 0; c < k; c += 8) { // 8 doubles per 64-byte line
                touched += lowerAll[base + c];
            }
            touched += lowerAll[base + k - 1];
        }
        st.touchSink[s / chunk] = touched;
        for (int g = s; g < f; g++) {
            int i = gather[g];
            int a = labels[i];
            double u = upper[i];
            double l = lower[i];
            int base = i * k;
            int gapRow = a * k;
            // the nearest any other centre can be: its lower bound, or half its gap to the own
            // centre (the diagonal holds infinity, so the own centre never counts)
            // (plain comparisons: no bound is NaN, and Math.min/max pay for NaN and -0 semantics)
            double nearestOther = Double.POSITIVE_INFINITY;
            double nearestBound = Double.POSITIVE_INFINITY;
            double reach = u / (1 - BOUND_SLACK);
            int admitted = 0;
            for (int c = 0; c < k; c++) {
                double bound = lowerAll[base + c] - drift[c];
                double gap = halfCenterGap[gapRow + c];
                double rival = bound > gap ? bound : gap;
                nearestOther = rival < nearestOther ? rival : nearestOther;
                admitted += rival <= reach ? 1 : 0;
                nearestBound = bound < nearestBound && c != a ? bound : nearestBound;
            }
            lower[i] = Math.max(l, nearestBound); // both are lower bounds to every other centre
            // Only rows that some centre might beat are read at all.
            if (u >= nearestOther * (1 - BOUND_SLACK)) {
                gather[m++] = i;
                pairs += 1 + admitted;
            }
        }
        double[] xNorms = summary.rowNorms();
        if (pairs * FEW_PAIR_COST > (long) (e - s) * k) {
            // Most rows are open (early iterations): the block kernel over the whole chunk is cheaper.
            long ex = SquaredEuclidean.assignWithCentreBounds(data, xNorms, s, e, prepared, fresh, null, upper, lower,
                    lowerAll, drift);
            return new long[] {(long) (e - s) * k, ex};
        }
        if (pairs * FEW_PAIR_COST * REFRESH_WEIGHT >= (long) (m - s) * k) {
            // The open rows against every centre by the block kernel: every bound of those rows
            // becomes tight, so fewer of them fail again in the next iterations.
            long ex = SquaredEuclidean.assignRowsWithCentreBounds(data, xNorms, gather, s, m, prepared, fresh, null, upper,
                    lower, lowerAll, drift);
            return new long[] {(long) (m - s) * k, ex};
        }
        // Few rivals among many centres: each open row is read once, its own centre and every
        // rival its loose bound admits computed together by the few-pair kernel (a second read to
        // tighten the bound first would cost more than the few extra rivals).
        long dc = 0;
        long[] exactChecks = new long[1];
        float[] lanes = SquaredEuclidean.lanesBuffer();
        int[] candidates = new int[k];
        double[] approx = new double[k];
        for (int g = s; g < m; g++) {
            int i = gather[g];
            int a = labels[i];
            double u = upper[i];
            int base = i * k;
            int count = 0;
            candidates[count++] = a;
            for (int c = 0; c < k; c++) {
                if (c != a && u >= Math.max(lowerAll[base + c] - drift[c], halfCenterGap[a * k + c]) * (1 - BOUND_SLACK)) {
                    candidates[count++] = c;
                }
            }
            dc += count;
            double nx = xNorms[i];
            int best = nearestCandidate(i, prepared, candidates, count, approx, lanes, exactChecks);
            for (int r = 0; r < count; r++) {
                int c = candidates[r];
                lowerAll[base + c] = Math.sqrt(Math.max(0, approx[r] - prepared.error(nx, c))) + drift[c];
            }
            int b = candidates[best];
            double nearestBound = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != b) {
                    nearestBound = Math.min(nearestBound, lowerAll[base + c] - drift[c]);
                }
            }
            lower[i] = Math.max(0, nearestBound);
            fresh[i] = b;
            upper[i] = Math.sqrt(Math.max(0, approx[best] + prepared.error(nx, b)));
        }
        return new long[] {dc, exactChecks[0]};
    }

    /**
     * The exact nearest of {@code count} candidate centres of row {@code i} (sorted ascending, so
     * that ties go to the lowest index): their approximate distances go into {@code approx}, and
     * those within the kernel's error bound of the best are re-compared exactly (counted in
     * {@code exactChecks[0]}). Returns the winner's position in {@code candidates}.
     */
    private int nearestCandidate(int i, Centers prepared, int[] candidates, int count,
                                 double[] approx, float[] lanes, long[] exactChecks) {
        java.util.Arrays.sort(candidates, 0, count);
        double nx = summary.rowNorms()[i];
        SquaredEuclidean.approximateMany(data, i, nx, prepared, candidates, count, approx, lanes);
        double cut = Double.POSITIVE_INFINITY;
        for (int r = 0; r < count; r++) {
            cut = Math.min(cut, approx[r] + prepared.error(nx, candidates[r]));
        }
        cut = NearTies.cut(cut);
        int best = -1;
        int finalists = 0;
        for (int r = 0; r < count; r++) {
            if (NearTies.isFinalist(approx[r] - prepared.error(nx, candidates[r]), cut)) {
                finalists++;
                if (best < 0) {
                    best = r;
                }
            }
        }
        if (finalists > 1) {
            double bestExact = Double.POSITIVE_INFINITY;
            for (int r = best; r < count; r++) {
                if (NearTies.isFinalist(approx[r] - prepared.error(nx, candidates[r]), cut)) {
                    double exact = SquaredEuclidean.distance(data, i, prepared.matrix(), candidates[r]);
                    exactChecks[0]++;
                    if (exact < bestExact) {
                        bestExact = exact;
                        best = r;
                    }
                }
            }
        }
        return best;
    }

    /** Moves the changed rows of {@code [s, e)} between the chunk's sums, in row order; returns how many changed. */
    private long applyChanges(int s, int e, float[] x, int[] labels, int[] fresh, double[] sums, int[] counts,
                              boolean[] touched) {
        long changed = 0;
        for (int i = s; i < e; i++) {
            int now = fresh[i];
            int was = labels[i];
            if (now == was) {
                continue;
            }
            changed++;
            int o = i * d;
            if (was >= 0) {
                counts[was]--;
                touched[was] = true;
                int b = was * d;
                for (int j = 0; j < d; j++) {
                    sums[b + j] -= x[o + j];
                }
            }
            counts[now]++;
            touched[now] = true;
            int b = now * d;
            for (int j = 0; j < d; j++) {
                sums[b + j] += x[o + j];
            }
            labels[i] = now;
        }
        return changed;
    }

    /**
     * Centre sums and counts: the pending changes of the chunks added to the sums in chunk order,
     * only where a chunk has one (late iterations with few label changes read little), after
     * undoing the last relocation's edits; counts summed from the chunks. The changes are the same
     * at any thread count and for every variant, so the sums are too.
     */
    private void reduce(State st, double[] totals, long[] counts) {
        for (int c = 0; c < k; c++) {
            if (st.relocationSaved[c]) {
                System.arraycopy(st.relocationBackup, c * d, totals, c * d, d);
                st.relocationSaved[c] = false;
            }
        }
        parallel.forEach(k, 1, (cs, ce) -> {
            for (int c = cs; c < ce; c++) {
                int from = c * d;
                int to = from + d;
                for (int ch = 0; ch < chunks; ch++) {
                    if (!st.touched[ch][c]) {
                        continue;
                    }
                    double[] p = st.pendingSums[ch];
                    for (int j = from; j < to; j++) {
                        totals[j] += p[j];
                    }
                    java.util.Arrays.fill(p, from, to, 0.0);
                }
            }
        });
        for (boolean[] t : st.touched) {
            java.util.Arrays.fill(t, false);
        }
        java.util.Arrays.fill(counts, 0);
        for (int[] p : st.partialCounts) {
            for (int c = 0; c < k; c++) {
                counts[c] += p[c];
            }
        }
    }

    /**
     * Distortion of the assignment just made, from the sums: {@code sum ||x||^2 - 2 sum_c c.S_c +
     * sum_c n_c ||c||^2}, so that it costs O(k d) and is the same whether or not rows were skipped.
     */
    private double assignmentDistortion(float[] centers, double[] totals, long[] counts) {
        double cross = 0;
        double own = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double dotc = 0;
            double norm = 0;
            int b = c * d;
            for (int j = 0; j < d; j++) {
                dotc += centers[b + j] * totals[b + j];
                norm += (double) centers[b + j] * centers[b + j];
            }
            cross += dotc;
            own += counts[c] * norm;
        }
        return Math.max(0, summary.totalSquaredNorm() - 2 * cross + own);
    }

    /**
     * Gives every empty cluster one row according to the policy (scikit-learn's semantics: the row's
     * label is left alone, only the sums and counts move, so the next assignment settles it).
     */
    private int relocateEmpty(float[] centers, int[] labels, double[] totals, long[] counts, int iteration,
                              double[] backup, boolean[] saved) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return 0;
        }
        EmptyClusterPolicy policy = options.emptyClusterPolicy();
        if (policy == EmptyClusterPolicy.ERROR) {
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    throw new IllegalStateException("cluster " + c + " became empty in iteration " + iteration
                            + " (empty-clusters: error); choose farthest-point or largest-cluster-split to relocate it");
                }
            }
        }
        // Exact distance of every row to the centre it was just assigned to.
        float[] x = data.data();
        double[] dist = new double[n];
        parallel.forEach(n, chunk, (s, e) -> {
            for (int i = s; i < e; i++) {
                dist[i] = SquaredEuclidean.distance(x, i * d, centers, labels[i] * d, d);
            }
        });
        int relocated = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            int donor = -1;
            if (policy == EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT) {
                for (int o = 0; o < k; o++) {
                    if (donor < 0 || counts[o] > counts[donor]) {
                        donor = o;
                    }
                }
            }
            int far = -1;
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                if (dist[i] < 0 || counts[l] <= 1 || (donor >= 0 && l != donor)) {
                    continue;
                }
                if (far < 0 || dist[i] > dist[far]) {
                    far = i;
                }
            }
            if (far < 0) {
                throw new IllegalStateException("cluster " + c + " became empty in iteration " + iteration
                        + " and no other cluster has a row to spare");
            }
            int from = labels[far];
            int o = far * d;
            for (int edited : new int[] {from, c}) {
                if (!saved[edited]) {
                    System.arraycopy(totals, edited * d, backup, edited * d, d);
                    saved[edited] = true;
                }
            }
            for (int j = 0; j < d; j++) {
                totals[from * d + j] -= x[o + j];
                totals[c * d + j] = x[o + j];
            }
            counts[from]--;
            counts[c] = 1;
            dist[far] = -1; // taken
            relocated++;
        }
        return relocated;
    }

    /** New centres from the sums; returns the total squared shift and each centre's shift (not squared). */
    private double updateCenters(float[] centers, double[] totals, long[] counts, double[] moved) {
        double shift = 0;
        float[] old = new float[d];
        for (int c = 0; c < k; c++) {
            int b = c * d;
            System.arraycopy(centers, b, old, 0, d);
            for (int j = 0; j < d; j++) {
                centers[b + j] = (float) (totals[b + j] / counts[c]);
            }
            double sq = SquaredEuclidean.distance(old, 0, centers, b, d);
            moved[c] = Math.sqrt(sq) * (1 + 1e-12);
            shift += sq;
        }
        return shift;
    }

    /**
     * Every centre with rows to the mean of its rows ({@code totals / counts}, rounded to float as
     * every update is); a centre without rows, which only a fit stopped by its budget or tolerance
     * right after a relocation can leave, keeps its place.
     */
    private void moveToMeans(float[] centers, double[] totals, long[] counts) {
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int b = c * d;
            for (int j = 0; j < d; j++) {
                centers[b + j] = (float) (totals[b + j] / counts[c]);
            }
        }
    }

    /**
     * Hamerly's bookkeeping after a centre update: which centres moved most (the rows widen their
     * bounds with it during the next assignment pass), and half the gap from each centre to the
     * nearest other centre; for Elkan also half the gap between every two centres.
     */
    private void prepareBounds(Centers prepared, double[] moved, double[] halfGap,
                               double[] largestMoves, double[] halfCenterGap) {
        int far = 0;
        for (int c = 1; c < k; c++) {
            if (moved[c] > moved[far]) {
                far = c;
            }
        }
        double second = 0;
        for (int c = 0; c < k; c++) {
            if (c != far && moved[c] > second) {
                second = moved[c];
            }
        }
        largestMoves[0] = far;
        largestMoves[1] = moved[far];
        largestMoves[2] = second;
        // Every centre against every centre with the block kernel; the approximation less its
        // error bound is a rigorous lower bound of each gap, which is all the tests need.
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            norms[c] = prepared.norm(c);
        }
        double[] squared = new double[k * k];
        SquaredEuclidean.block(prepared.matrix(), norms, 0, k, prepared, squared);
        java.util.Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            if (halfCenterGap != null) {
                halfCenterGap[a * k + a] = Double.POSITIVE_INFINITY; // a centre is never its own rival
            }
            for (int b = a + 1; b < k; b++) {
                double low = Math.max(squared[a * k + b] - prepared.error(norms[a], b),
                        squared[b * k + a] - prepared.error(norms[b], a));
                double half = 0.5 * Math.sqrt(Math.max(0, low)) * (1 - 1e-12);
                if (halfCenterGap != null) {
                    halfCenterGap[a * k + b] = half;
                    halfCenterGap[b * k + a] = half;
                }
                halfGap[a] = Math.min(halfGap[a], half);
                halfGap[b] = Math.min(halfGap[b], half);
            }
        }
    }
}
