package org.imageclustering.core.kmeans;

import static org.imageclustering.core.kmeans.CentreGaps.BOUND_SLACK;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.NearTies;
import org.imageclustering.core.distance.SquaredEuclidean;

/**
 * Elkan's labelling (C. Elkan, Using the triangle inequality to accelerate k-means, ICML 2003),
 * with Hamerly's single bound in front of it. Each row keeps an upper bound {@code u} to its own
 * centre, Hamerly's lower bound to all others, and a lower bound per centre. The per-centre bounds
 * are stored plus the centre's drift (the sum of its moves so far) at the time they were set, so
 * the current bound is the stored value less the drift now: widening them costs nothing, and a
 * row's k bounds are read only when its cheap bounds fail. Memory: {@code n x k} doubles.
 */
final class ElkanLabeller implements Labeller {
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

    private final int k;
    private final double[] upper;
    private final double[] lower;
    /** Per row and centre ({@code i * k + c}), the lower bound plus the centre's drift when it was set. */
    private final double[] lowerAll;
    /** Per centre, the sum of its moves so far. */
    private final double[] drift;
    private final int[] gather;
    /** Per chunk, where the touch loop leaves its sum, so that the JIT keeps the loads. */
    private final double[] touchSink;
    private final CentreGaps gaps;

    /** @throws IllegalArgumentException when the {@code n x k} bounds do not fit one Java array */
    ElkanLabeller(int n, int k, int chunks) {
        if ((long) n * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("variant elkan needs n x k = " + ((long) n * k)
                    + " lower bounds, more than one Java array holds; use hamerly");
        }
        this.k = k;
        this.upper = new double[n];
        this.lower = new double[n];
        this.lowerAll = new double[n * k];
        this.drift = new double[k];
        this.gather = new int[n];
        this.touchSink = new double[chunks];
        this.gaps = new CentreGaps(k, true);
    }

    @Override
    public void centresMoved(Centers centres, double[] moved) {
        gaps.update(centres, moved);
        for (int c = 0; c < k; c++) {
            drift[c] += moved[c];
        }
    }

    /**
     * Passes: skip rows with {@code u} below Hamerly's bound or half the gap to the nearest centre;
     * then rows whose {@code u} is below every other centre's bound or half gap
     * {@code ||c_a - c|| / 2} (still unread). The open rows are then compared, by a cost rule on
     * the rivals their bounds admit: with every centre by the block kernel (the whole chunk when
     * most rows are open, else the open rows, which refreshes all their bounds), or with only the
     * admitted rivals by the few-pair kernel. Either way the label is chosen by the kernel's exact
     * rule, and every centre not computed is provably farther than the own centre, so it is the
     * exact argmin, as in Lloyd.
     */
    @Override
    public void label(AssignmentStep step, int s, int e, int chunk, Centers prepared, boolean first) {
        FloatMatrix data = step.rows;
        double[] xNorms = step.norms;
        int[] fresh = step.fresh;
        if (first) {
            long ex = SquaredEuclidean.assignWithCentreBounds(data, xNorms, s, e, prepared, fresh, null, upper, lower,
                    lowerAll, drift);
            step.partials.countWork(chunk, (long) (e - s) * k, ex);
            return;
        }
        int[] labels = step.labels;
        double[] upper = this.upper;
        double[] lower = this.lower;
        double[] lowerAll = this.lowerAll;
        double[] drift = this.drift;
        double[] halfCenterGap = gaps.halfCentreGap;
        double[] halfGap = gaps.halfGap;
        double[] moved = gaps.moved;
        int[] gather = this.gather;
        int farIndex = gaps.farIndex;
        double farMove = gaps.farMove;
        double secondMove = gaps.secondMove;
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
        touchSink[chunk] = touched;
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
        if (pairs * FEW_PAIR_COST > (long) (e - s) * k) {
            // Most rows are open (early iterations): the block kernel over the whole chunk is cheaper.
            long ex = SquaredEuclidean.assignWithCentreBounds(data, xNorms, s, e, prepared, fresh, null, upper, lower,
                    lowerAll, drift);
            step.partials.countWork(chunk, (long) (e - s) * k, ex);
            return;
        }
        if (pairs * FEW_PAIR_COST * REFRESH_WEIGHT >= (long) (m - s) * k) {
            // The open rows against every centre by the block kernel: every bound of those rows
            // becomes tight, so fewer of them fail again in the next iterations.
            long ex = SquaredEuclidean.assignRowsWithCentreBounds(data, xNorms, gather, s, m, prepared, fresh, null,
                    upper, lower, lowerAll, drift);
            step.partials.countWork(chunk, (long) (m - s) * k, ex);
            return;
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
            int best = nearestCandidate(data, i, nx, prepared, candidates, count, approx, lanes, exactChecks);
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
        step.partials.countWork(chunk, dc, exactChecks[0]);
    }

    /**
     * The exact nearest of {@code count} candidate centres of row {@code i} (sorted ascending, so
     * that ties go to the lowest index), by the {@link NearTies} rule: their approximate distances
     * go into {@code approx}, and the finalists are re-compared exactly (counted in
     * {@code exactChecks[0]}). Returns the winner's position in {@code candidates}.
     */
    private static int nearestCandidate(FloatMatrix data, int i, double nx, Centers prepared, int[] candidates,
                                        int count, double[] approx, float[] lanes, long[] exactChecks) {
        java.util.Arrays.sort(candidates, 0, count);
        SquaredEuclidean.approximateMany(data, i, nx, prepared, candidates, count, approx, lanes);
        double bestUpper = Double.POSITIVE_INFINITY;
        for (int r = 0; r < count; r++) {
            bestUpper = Math.min(bestUpper, approx[r] + prepared.error(nx, candidates[r]));
        }
        double cut = NearTies.cut(bestUpper);
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
}
