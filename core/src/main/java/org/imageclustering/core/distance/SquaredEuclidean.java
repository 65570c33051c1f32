package org.imageclustering.core.distance;

import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * The one squared-Euclidean distance kernel of the project: point to point, row block to centre
 * set, nearest centre. The contract (the error analysis is in the package comment):
 * <ul>
 *   <li>{@link #distance} is exact up to double rounding.</li>
 *   <li>The block methods ({@code assign...}, {@link #block}, {@link #nearest}) compute
 *       {@code ||x||^2 - 2 x.c + ||c||^2} from float32 dot products summed in one fixed order per
 *       pair, clamped at 0, within {@link #errorBound} of the true value; the order depends on
 *       nothing but the pair, so every value is the same bits at any thread count, block size or
 *       path.</li>
 *   <li>The nearest centre is the exact argmin, ties to the lowest index: near ties are compared
 *       with {@link #distance}.</li>
 *   <li>With or without the Vector API module ({@code --add-modules jdk.incubator.vector}) the
 *       results are the same bits; without it the kernel runs a slower scalar copy of its loops
 *       and logs once how to enable the module ({@code -Dimageclustering.distance.scalar=true}
 *       forces the copy). The package comment names the machines where the copy can only
 *       estimate the lane count, and what may then differ.</li>
 * </ul>
 */
public final class SquaredEuclidean {
    /** The kernel's inner loops, chosen once: the same object for every call. */
    private static final DistanceKernels KERNELS = KernelProvider.KERNELS;
    /**
     * Rows per step of the row-lane kernel (64 with 16 lanes): {@link #assignRowLanes} takes that
     * kernel only when {@code start} is a multiple of it.
     */
    public static final int ROW_LANE_STEP = KernelLayout.ROW_LANE_STEP;
    /** Most centres for which {@link #assignRowLanes} takes the row-lane kernel. */
    public static final int ROW_LANE_MAX_K = KernelLayout.ROW_LANE_MAX_K;

    private SquaredEuclidean() {
    }

    /** Exact (double) squared distance between {@code a[aOff .. aOff+d)} and {@code b[bOff .. bOff+d)}. */
    public static double distance(float[] a, int aOff, float[] b, int bOff, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double e0 = (double) a[aOff + j] - b[bOff + j];
            double e1 = (double) a[aOff + j + 1] - b[bOff + j + 1];
            double e2 = (double) a[aOff + j + 2] - b[bOff + j + 2];
            double e3 = (double) a[aOff + j + 3] - b[bOff + j + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; j < d; j++) {
            double e = (double) a[aOff + j] - b[bOff + j];
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Exact squared distance between row {@code i} of {@code x} and row {@code j} of {@code y}. */
    public static double distance(FloatMatrix x, int i, FloatMatrix y, int j) {
        requireSameWidth(x, y);
        return distance(x.data(), x.offset(i), y.data(), y.offset(j), x.cols());
    }

    /**
     * Approximate squared norms ({@code x.x} by the kernel's float dot product) of rows
     * {@code [start, end)} of {@code x}, into {@code out[i]}. These are the norms the block methods
     * expect; their error is covered by {@link #errorBound}.
     */
    public static void squaredNorms(FloatMatrix x, int start, int end, double[] out) {
        int d = x.cols();
        float[] xd = x.data();
        for (int i = start; i < end; i++) {
            out[i] = FloatChains.chunkedDot(xd, i * d, xd, i * d, d);
        }
    }

    /** {@link #squaredNorms(FloatMatrix, int, int, double[])} of all rows, in parallel. */
    public static double[] squaredNorms(FloatMatrix x, Parallelism parallel) {
        double[] out = new double[x.rows()];
        parallel.forEach(x.rows(), 2048, (s, e) -> squaredNorms(x, s, e, out));
        return out;
    }

    /**
     * The bound {@code E} such that every approximate distance between a row with squared norm
     * {@code nx} and a centre with squared norm {@code nc} is within {@code E} of the true squared
     * distance, given the error factor {@code gamma} ({@code 2 g} of the package comment).
     */
    public static double errorBound(double nx, double nc, double gamma) {
        double s = Math.sqrt(nx) + Math.sqrt(nc);
        return gamma * s * s;
    }

    /** A scratch buffer for {@link Centers#approximate}, {@link Centers#upperBound} and {@link #approximateMany}: one per thread. */
    public static float[] lanesBuffer() {
        return new float[KernelLayout.LANES];
    }

    /**
     * For each row {@code i} in {@code [start, end)}: its nearest centre into {@code labels[i]} and
     * the clamped approximate squared distance to it into {@code dist[i]} (unless {@code dist} is
     * null). {@code xNorms} are the rows' {@link #squaredNorms}. Returns the number of exact
     * distance evaluations spent on near ties.
     */
    public static long assign(FloatMatrix x, double[] xNorms, int start, int end, Centers centers, int[] labels,
                              double[] dist) {
        return Assignment.assign(KERNELS, x, null, xNorms, null, start, end, centers, labels, dist, null, null, null,
                null);
    }

    /** {@link #assign} for the rows {@code rows[start..end)} of {@code x}, in that order. */
    public static long assignRows(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                                  int[] labels, double[] dist) {
        return Assignment.assign(KERNELS, x, null, xNorms, rows, start, end, centers, labels, dist, null, null, null,
                null);
    }

    /**
     * {@link #assign} by the row-lane kernel over {@code blocks} (the rows of {@code x} in
     * {@link RowBlocks} form) when there are at most {@value #ROW_LANE_MAX_K} centres and
     * {@code start} is a multiple of {@link #ROW_LANE_STEP}, by {@link #assign}'s kernel otherwise:
     * every value is the same bits either way.
     *
     * @throws IllegalArgumentException when {@code blocks} were not copied from {@code x}
     */
    public static long assignRowLanes(FloatMatrix x, RowBlocks blocks, double[] xNorms, int start, int end,
                                      Centers centers, int[] labels, double[] dist) {
        blocks.requireCopyOf(x);
        return Assignment.assign(KERNELS, x, blocks, xNorms, null, start, end, centers, labels, dist, null, null, null,
                null);
    }

    /**
     * {@link #assign} that also writes rigorous bounds on true (not squared) distances for
     * Hamerly's method: {@code upper[i] >= ||x_i - c_label||} and {@code lower[i] <= ||x_i - c||}
     * for every other centre ({@code +Infinity} when there is only one centre).
     */
    public static long assignWithBounds(FloatMatrix x, double[] xNorms, int start, int end, Centers centers,
                                        int[] labels, double[] dist, double[] upper, double[] lower) {
        return Assignment.assign(KERNELS, x, null, xNorms, null, start, end, centers, labels, dist, upper, lower, null,
                null);
    }

    /** {@link #assignWithBounds} for the rows {@code rows[start..end)} of {@code x}. */
    public static long assignRowsWithBounds(FloatMatrix x, double[] xNorms, int[] rows, int start, int end,
                                            Centers centers, int[] labels, double[] dist, double[] upper,
                                            double[] lower) {
        return Assignment.assign(KERNELS, x, null, xNorms, rows, start, end, centers, labels, dist, upper, lower, null,
                null);
    }

    /**
     * {@link #assignWithBounds} that also writes, for Elkan's method, a lower bound on the true
     * distance from row {@code i} to every centre {@code c} into {@code lowerAll[i * k + c]}, plus
     * {@code lowerShift[c]} (Elkan's bounds are stored shifted by each centre's drift).
     * {@code lowerAll} must hold fewer than 2^31 entries.
     */
    public static long assignWithCentreBounds(FloatMatrix x, double[] xNorms, int start, int end, Centers centers,
                                              int[] labels, double[] dist, double[] upper, double[] lower,
                                              double[] lowerAll, double[] lowerShift) {
        return Assignment.assign(KERNELS, x, null, xNorms, null, start, end, centers, labels, dist, upper, lower,
                lowerAll, lowerShift);
    }

    /** {@link #assignWithCentreBounds} for the rows {@code rows[start..end)} of {@code x}. */
    public static long assignRowsWithCentreBounds(FloatMatrix x, double[] xNorms, int[] rows, int start, int end,
                                                  Centers centers, int[] labels, double[] dist, double[] upper,
                                                  double[] lower, double[] lowerAll, double[] lowerShift) {
        return Assignment.assign(KERNELS, x, null, xNorms, rows, start, end, centers, labels, dist, upper, lower,
                lowerAll, lowerShift);
    }

    /**
     * For each row {@code i} in {@code rows[start..end)}, an upper bound on the true (not squared)
     * distance to its own centre {@code own[i]}, into {@code upper[i]}: the bound Hamerly's method
     * tightens. Every pair gets exactly the operations of {@link Centers#upperBound} (lane-parallel
     * sums: a bound, not the block kernel's value).
     */
    public static void upperBounds(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                                   int[] own, double[] upper) {
        Assignment.upperBounds(KERNELS, x, xNorms, rows, start, end, centers, own, upper);
    }

    /**
     * Unclamped approximate squared distances between row {@code i} of {@code x} and the centres
     * {@code candidates[0 .. m)}, into {@code out[0 .. m)}; every pair gets exactly the operations
     * of {@link Centers#upperBound} (lane-parallel sums, within the same error bound as the block
     * kernel's values). Subtract / add {@link Centers#error} for rigorous lower / upper bounds.
     */
    public static void approximateMany(FloatMatrix x, int i, double xNorm, Centers centers, int[] candidates, int m,
                                       double[] out, float[] lanes) {
        Assignment.approximateMany(KERNELS, x, i, xNorm, centers, candidates, m, out, lanes);
    }

    /**
     * Approximate squared distances from rows {@code [start, end)} of {@code x} (squared norms
     * {@code xNorms}) to every centre, clamped at 0, written row-major into
     * {@code out[(i - start) * k + c]}.
     */
    public static void block(FloatMatrix x, double[] xNorms, int start, int end, Centers centers, double[] out) {
        Assignment.block(KERNELS, x, xNorms, start, end, centers, out);
    }

    /**
     * Distances from rows {@code [start, end)} of {@code x} to every row of {@code y}, written
     * row-major into {@code out[(i - start) * y.rows() + j]}: the clamped expansion of the block
     * methods.
     */
    public static void block(FloatMatrix x, int start, int end, FloatMatrix y, double[] out) {
        requireSameWidth(x, y);
        double[] norms = new double[x.rows()];
        squaredNorms(x, start, end, norms);
        block(x, norms, start, end, Centers.of(y), out);
    }

    /**
     * For rows {@code [start, end)} of {@code x}, the index of the nearest row of {@code centers}
     * (exact argmin, ties to the lowest index) into {@code labels[i]} and its clamped approximate
     * squared distance into {@code nearestDistance[i]}.
     */
    public static void nearest(FloatMatrix x, int start, int end, FloatMatrix centers,
                               int[] labels, double[] nearestDistance) {
        requireSameWidth(x, centers);
        double[] norms = new double[x.rows()];
        squaredNorms(x, start, end, norms);
        assign(x, norms, start, end, Centers.of(centers), labels, nearestDistance);
    }

    static void requireSameWidth(FloatMatrix x, FloatMatrix y) {
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("rows have " + x.cols() + " features but the other matrix has "
                    + y.cols());
        }
    }
}
