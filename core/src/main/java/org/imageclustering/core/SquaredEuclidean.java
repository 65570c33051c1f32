package org.imageclustering.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one squared-Euclidean distance kernel of the project: point to point, point block to centre
 * set, nearest centre. Every algorithm calls this class, so making it faster makes all of them faster.
 *
 * <h2>Two ways to compute a distance</h2>
 * <ul>
 *   <li>{@link #distance} is <em>exact up to double rounding</em>: the float differences are taken
 *       in {@code double} and summed in {@code double} (relative error about {@code d x 1e-16}).</li>
 *   <li>The block kernels ({@link #assign}, {@link #nearest}, {@link #block}) use the expansion
 *       {@code ||x||^2 - 2 x.c + ||c||^2}: the dot products run on float32 SIMD lanes (the
 *       incubating Vector API) over blocks of 5 rows x 2 centres, tiled over the features so that
 *       the centre tile stays in the L2 cache, and are combined in {@code double}. Cancellation can
 *       make the expansion slightly wrong, even negative, when {@code x} is close to {@code c}, so it
 *       is clamped at 0. Its error is bounded rigorously: with {@code n} the longest chain of float
 *       roundings in one dot product (features per lane per tile, plus the lane sum and the scalar
 *       tail) and {@code g = n u / (1 - n u)}, {@code u = 2^-24}, every approximate distance is within
 *       {@code E = 2 g (||x|| + ||c||)^2} of the true one ({@link #errorBound}).</li>
 * </ul>
 *
 * <h2>Which centre is nearest</h2>
 * The nearest centre is <em>defined</em> as the argmin of the exact distance, ties to the lowest
 * index. The block kernel finds it quickly: a centre whose approximate distance minus its error
 * bound exceeds the smallest approximate distance plus its bound cannot be the nearest; when more
 * than one centre survives that test (a near tie), the survivors are compared exactly. So labels do
 * not depend on block sizes, on which rows are processed together, on thread counts, or on whether
 * an accelerated k-means skipped the row: Lloyd, Hamerly and {@code predict} agree bit for bit.
 * The distance reported for the nearest centre is the clamped approximation, computed by one fixed
 * sequence of float operations (lane sums are added in a fixed scalar order, never by a hardware
 * reduction whose order could change between the interpreter and the JIT), so it is also the same
 * wherever it is computed ({@link Centers#approximate}).
 */
public final class SquaredEuclidean {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows processed together by the block kernels (their partial dot products stay in a small array). */
    private static final int ROW_BLOCK = 20;
    /** Floats of centre data per feature tile: 64 Ki floats, 256 KiB, fits the L2 cache beside the rows. */
    private static final int TILE_BUDGET = 1 << 16;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    /** Relative slack for double rounding when exact distances decide between near-tied centres. */
    private static final double EXACT_SLACK = 1e-12;

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
     * {@code [start, end)} of {@code x}, into {@code out[i]}. These are the norms the block kernel
     * expects; their error is covered by {@link #errorBound}.
     */
    public static void squaredNorms(FloatMatrix x, int start, int end, double[] out) {
        int d = x.cols();
        int tile = tileWidth(1, d);
        float[] lanes = new float[LANES];
        float[] xd = x.data();
        for (int i = start; i < end; i++) {
            out[i] = dot(xd, i * d, xd, i * d, d, tile, lanes);
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
     * distance, for dot products over {@code width} features per tile.
     */
    public static double errorBound(double nx, double nc, double gamma) {
        double s = Math.sqrt(nx) + Math.sqrt(nc);
        return gamma * s * s;
    }

    /** {@code 2 g} of the class comment for dot products over tiles of {@code tile} features. */
    static double gamma(int tile) {
        double n = (tile + LANES - 1) / LANES + 2.0 * LANES + 2;
        return 2 * n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /** Feature-tile width for {@code k} centres of {@code d} features. */
    static int tileWidth(int k, int d) {
        if ((long) k * d <= TILE_BUDGET) {
            return Math.max(d, 1);
        }
        int t = Math.max(8 * LANES, (TILE_BUDGET / k) / LANES * LANES);
        return Math.min(t, d);
    }

    /**
     * A centre set prepared for the block kernel: the centres, their squared norms, the feature
     * tile width and the error factor. Build one per centre update; it is immutable and shared by
     * all worker threads.
     */
    public static final class Centers {
        private final FloatMatrix centers;
        private final double[] norms;
        private final double[] roots;
        private final int tile;
        private final double gamma;

        private Centers(FloatMatrix centers) {
            this.centers = centers;
            int k = centers.rows();
            int d = centers.cols();
            this.tile = tileWidth(k, d);
            this.gamma = gamma(tile);
            this.norms = new double[k];
            this.roots = new double[k];
            float[] lanes = new float[LANES];
            float[] cd = centers.data();
            for (int c = 0; c < k; c++) {
                norms[c] = dot(cd, c * d, cd, c * d, d, tile, lanes);
                roots[c] = Math.sqrt(norms[c]);
            }
        }

        /** Prepares {@code centers} (not copied; must not change while in use). */
        public static Centers of(FloatMatrix centers) {
            return new Centers(centers);
        }

        public FloatMatrix matrix() {
            return centers;
        }

        public int k() {
            return centers.rows();
        }

        /** Approximate squared norm of centre {@code c}. */
        public double norm(int c) {
            return norms[c];
        }

        /**
         * The clamped approximate squared distance between row {@code i} of {@code x} (with squared
         * norm {@code xNorm} from {@link #squaredNorms}) and centre {@code c}: bit-identical to the
         * value the block kernel computes for the same pair.
         */
        public double approximate(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
            int d = x.cols();
            double dot = dot(x.data(), i * d, centers.data(), c * d, d, tile, lanes);
            return Math.max(0, xNorm + norms[c] - 2 * dot);
        }

        /** The error bound {@code E} of the approximate distance between a row of squared norm {@code xNorm} and centre {@code c}. */
        public double error(double xNorm, int c) {
            return errorBound(xNorm, norms[c], gamma);
        }

        /** Like {@link #approximate} but returns an upper bound on the true distance (value + error). */
        public double upperBound(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
            int d = x.cols();
            double dot = dot(x.data(), i * d, centers.data(), c * d, d, tile, lanes);
            return xNorm + norms[c] - 2 * dot + errorBound(xNorm, norms[c], gamma);
        }
    }

    /** A scratch buffer for {@link Centers#approximate}: one per thread. */
    public static float[] lanesBuffer() {
        return new float[LANES];
    }

    /**
     * Block assignment: for each row {@code i} in {@code rows[start..end)} (or in {@code [start, end)}
     * when {@code rows} is null) writes the nearest centre into {@code labels[i]} and the clamped
     * approximate squared distance to it into {@code dist[i]} (when not null). When {@code upper}
     * and {@code lower} are not null, also writes rigorous bounds on true (not squared) distances for
     * accelerated k-means: {@code upper[i] >= ||x_i - c_label||} and {@code lower[i] <=
     * ||x_i - c||} for every other centre. Returns the number of exact distance evaluations spent on
     * near ties.
     */
    public static long assign(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                              int[] labels, double[] dist, double[] upper, double[] lower) {
        return assign(x, xNorms, rows, start, end, centers, labels, dist, upper, lower, null);
    }

    /**
     * {@link #assign(FloatMatrix, double[], int[], int, int, Centers, int[], double[], double[], double[])}
     * that also writes, when {@code lowerAll} is not null, a lower bound on the true distance from
     * row {@code i} to every centre {@code c} into {@code lowerAll[i * k + c]}, for Elkan's method.
     */
    public static long assign(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                              int[] labels, double[] dist, double[] upper, double[] lower, double[] lowerAll) {
        requireSameWidth(x, centers.centers);
        int d = x.cols();
        int k = centers.k();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        int tile = centers.tile;
        double gamma = centers.gamma;
        double[] cn = centers.norms;
        double[] cr = centers.roots;
        double[] acc = new double[ROW_BLOCK * k];
        int[] off = new int[ROW_BLOCK];
        int[] idx = new int[ROW_BLOCK];
        float[] lanes = new float[LANES];
        long exact = 0;
        for (int b = start; b < end; b += ROW_BLOCK) {
            int m = Math.min(ROW_BLOCK, end - b);
            for (int r = 0; r < m; r++) {
                idx[r] = rows == null ? b + r : rows[b + r];
                off[r] = idx[r] * d;
            }
            dots(xd, off, m, cd, k, d, tile, acc, lanes);
            for (int r = 0; r < m; r++) {
                int i = idx[r];
                double nx = xNorms[i];
                double rx = Math.sqrt(nx);
                int base = r * k;
                double bestUpper = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double a = nx + cn[c] - 2 * acc[base + c];
                    acc[base + c] = a;
                    double s = rx + cr[c];
                    double u = a + gamma * s * s;
                    if (u < bestUpper) {
                        bestUpper = u;
                    }
                }
                double cut = bestUpper + EXACT_SLACK * Math.abs(bestUpper);
                int first = -1;
                int candidates = 0;
                for (int c = 0; c < k; c++) {
                    double s = rx + cr[c];
                    if (acc[base + c] - gamma * s * s <= cut) {
                        if (first < 0) {
                            first = c;
                        }
                        candidates++;
                    }
                }
                int best = first;
                if (candidates > 1) {
                    double bestExact = Double.POSITIVE_INFINITY;
                    for (int c = first; c < k; c++) {
                        double s = rx + cr[c];
                        if (acc[base + c] - gamma * s * s <= cut) {
                            double e = distance(xd, off[r], cd, c * d, d);
                            exact++;
                            if (e < bestExact) {
                                bestExact = e;
                                best = c;
                            }
                        }
                    }
                }
                labels[i] = best;
                if (dist != null) {
                    dist[i] = Math.max(0, acc[base + best]);
                }
                if (lowerAll != null) {
                    long lb = (long) i * k;
                    for (int c = 0; c < k; c++) {
                        double sc = rx + cr[c];
                        lowerAll[(int) (lb + c)] = Math.sqrt(Math.max(0, acc[base + c] - gamma * sc * sc));
                    }
                }
                if (upper != null) {
                    double s = rx + cr[best];
                    upper[i] = Math.sqrt(Math.max(0, acc[base + best] + gamma * s * s));
                    double low = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        if (c != best) {
                            double sc = rx + cr[c];
                            double l = acc[base + c] - gamma * sc * sc;
                            if (l < low) {
                                low = l;
                            }
                        }
                    }
                    lower[i] = k == 1 ? Double.POSITIVE_INFINITY : Math.sqrt(Math.max(0, low));
                }
            }
        }
        return exact;
    }

    /**
     * For each row {@code i} in {@code rows[start..end)}, an upper bound on the true (not squared)
     * distance to its own centre {@code own[i]}, into {@code upper[i]}: the bound Hamerly's method
     * tightens. Four (row, centre) pairs share one SIMD loop, each with exactly the operations of
     * {@link Centers#approximate}.
     */
    public static void upperBounds(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                                   int[] own, double[] upper) {
        requireSameWidth(x, centers.centers);
        int d = x.cols();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        float[] lanes = new float[LANES];
        double[] acc = new double[4];
        int[] idx = new int[4];
        for (int b = start; b < end; b += 4) {
            int m = Math.min(4, end - b);
            for (int r = 0; r < 4; r++) {
                idx[r] = rows[b + Math.min(r, m - 1)];
            }
            acc[0] = 0;
            acc[1] = 0;
            acc[2] = 0;
            acc[3] = 0;
            int o0 = idx[0] * d;
            int o1 = idx[1] * d;
            int o2 = idx[2] * d;
            int o3 = idx[3] * d;
            int p0 = own[idx[0]] * d;
            int p1 = own[idx[1]] * d;
            int p2 = own[idx[2]] * d;
            int p3 = own[idx[3]] * d;
            for (int t0 = 0; t0 < d; t0 += centers.tile) {
                int t1 = Math.min(d, t0 + centers.tile);
                FloatVector a0 = FloatVector.zero(SPECIES);
                FloatVector a1 = FloatVector.zero(SPECIES);
                FloatVector a2 = FloatVector.zero(SPECIES);
                FloatVector a3 = FloatVector.zero(SPECIES);
                int vend = t0 + SPECIES.loopBound(t1 - t0);
                for (int j = t0; j < vend; j += LANES) {
                    a0 = FloatVector.fromArray(SPECIES, xd, o0 + j).fma(FloatVector.fromArray(SPECIES, cd, p0 + j), a0);
                    a1 = FloatVector.fromArray(SPECIES, xd, o1 + j).fma(FloatVector.fromArray(SPECIES, cd, p1 + j), a1);
                    a2 = FloatVector.fromArray(SPECIES, xd, o2 + j).fma(FloatVector.fromArray(SPECIES, cd, p2 + j), a2);
                    a3 = FloatVector.fromArray(SPECIES, xd, o3 + j).fma(FloatVector.fromArray(SPECIES, cd, p3 + j), a3);
                }
                acc[0] += finish(a0, xd, o0, cd, p0, vend, t1, lanes);
                acc[1] += finish(a1, xd, o1, cd, p1, vend, t1, lanes);
                acc[2] += finish(a2, xd, o2, cd, p2, vend, t1, lanes);
                acc[3] += finish(a3, xd, o3, cd, p3, vend, t1, lanes);
            }
            for (int r = 0; r < m; r++) {
                int i = idx[r];
                int c = own[i];
                double a = xNorms[i] + centers.norms[c] - 2 * acc[r];
                upper[i] = Math.sqrt(Math.max(0, a + errorBound(xNorms[i], centers.norms[c], centers.gamma)));
            }
        }
    }

    /**
     * Unclamped approximate squared distances between row {@code i} of {@code x} and the centres
     * {@code candidates[0 .. m)}, into {@code out[0 .. m)}; four centres share each SIMD loop (and
     * each load of the row), and every pair gets exactly the operations of {@link Centers#approximate}.
     * Subtract / add {@link Centers#error} for rigorous lower / upper bounds.
     */
    public static void approximateMany(FloatMatrix x, int i, double xNorm, Centers centers, int[] candidates, int m,
                                       double[] out, float[] lanes) {
        int d = x.cols();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        int xo = i * d;
        for (int b = 0; b < m; b += 4) {
            int n = Math.min(4, m - b);
            int p0 = candidates[b] * d;
            int p1 = candidates[b + Math.min(1, n - 1)] * d;
            int p2 = candidates[b + Math.min(2, n - 1)] * d;
            int p3 = candidates[b + Math.min(3, n - 1)] * d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int t0 = 0; t0 < d; t0 += centers.tile) {
                int t1 = Math.min(d, t0 + centers.tile);
                FloatVector a0 = FloatVector.zero(SPECIES);
                FloatVector a1 = FloatVector.zero(SPECIES);
                FloatVector a2 = FloatVector.zero(SPECIES);
                FloatVector a3 = FloatVector.zero(SPECIES);
                int vend = t0 + SPECIES.loopBound(t1 - t0);
                for (int j = t0; j < vend; j += LANES) {
                    FloatVector v = FloatVector.fromArray(SPECIES, xd, xo + j);
                    a0 = v.fma(FloatVector.fromArray(SPECIES, cd, p0 + j), a0);
                    a1 = v.fma(FloatVector.fromArray(SPECIES, cd, p1 + j), a1);
                    a2 = v.fma(FloatVector.fromArray(SPECIES, cd, p2 + j), a2);
                    a3 = v.fma(FloatVector.fromArray(SPECIES, cd, p3 + j), a3);
                }
                s0 += finish(a0, xd, xo, cd, p0, vend, t1, lanes);
                s1 += finish(a1, xd, xo, cd, p1, vend, t1, lanes);
                s2 += finish(a2, xd, xo, cd, p2, vend, t1, lanes);
                s3 += finish(a3, xd, xo, cd, p3, vend, t1, lanes);
            }
            out[b] = xNorm + centers.norms[candidates[b]] - 2 * s0;
            if (n > 1) {
                out[b + 1] = xNorm + centers.norms[candidates[b + 1]] - 2 * s1;
            }
            if (n > 2) {
                out[b + 2] = xNorm + centers.norms[candidates[b + 2]] - 2 * s2;
            }
            if (n > 3) {
                out[b + 3] = xNorm + centers.norms[candidates[b + 3]] - 2 * s3;
            }
        }
    }

    /**
     * Approximate squared distances from rows {@code [start, end)} of {@code x} (squared norms
     * {@code xNorms}) to every centre, clamped at 0, written row-major into
     * {@code out[(i - start) * k + c]}.
     */
    public static void block(FloatMatrix x, double[] xNorms, int start, int end, Centers centers, double[] out) {
        requireSameWidth(x, centers.centers);
        int d = x.cols();
        int k = centers.k();
        double[] acc = new double[ROW_BLOCK * k];
        int[] off = new int[ROW_BLOCK];
        float[] lanes = new float[LANES];
        for (int b = start; b < end; b += ROW_BLOCK) {
            int m = Math.min(ROW_BLOCK, end - b);
            for (int r = 0; r < m; r++) {
                off[r] = (b + r) * d;
            }
            dots(x.data(), off, m, centers.centers.data(), k, d, centers.tile, acc, lanes);
            for (int r = 0; r < m; r++) {
                double nx = xNorms[b + r];
                int o = (b + r - start) * k;
                for (int c = 0; c < k; c++) {
                    out[o + c] = Math.max(0, nx + centers.norms[c] - 2 * acc[r * k + c]);
                }
            }
        }
    }

    /**
     * Distances from rows {@code [start, end)} of {@code x} to every row of {@code y}, written
     * row-major into {@code out[(i - start) * y.rows() + j]}: the clamped expansion of the block
     * kernel (see the class comment for its error bound).
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
        assign(x, norms, null, start, end, Centers.of(centers), labels, nearestDistance, null, null);
    }

    /**
     * Partial dot products of {@code m <= ROW_BLOCK} rows (at offsets {@code off}) with all
     * {@code k} centres into {@code acc[r * k + c]}, tile by tile over the features.
     */
    private static void dots(float[] x, int[] off, int m, float[] c, int k, int d, int tile, double[] acc,
                             float[] lanes) {
        java.util.Arrays.fill(acc, 0, m * k, 0.0);
        for (int t0 = 0; t0 < d; t0 += tile) {
            int t1 = Math.min(d, t0 + tile);
            for (int r = 0; r < m; r += 5) {
                // A short last group repeats its last row; the repeats are computed and dropped.
                int r1 = Math.min(r + 1, m - 1);
                int r2 = Math.min(r + 2, m - 1);
                int r3 = Math.min(r + 3, m - 1);
                int r4 = Math.min(r + 4, m - 1);
                for (int cc = 0; cc < k; cc += 2) {
                    int c1 = Math.min(cc + 1, k - 1);
                    tile5x2(x, off[r], off[r1], off[r2], off[r3], off[r4], c, cc * d, c1 * d, t0, t1, lanes, acc,
                            r * k, r1 * k, r2 * k, r3 * k, r4 * k, cc, c1, m - r, k - cc);
                }
            }
        }
    }

    /**
     * The micro-kernel: 5 rows x 2 centres, ten independent FMA chains (enough to hide the FMA
     * latency on two pipes) fed by seven vector loads per ten FMAs.
     */
    private static void tile5x2(float[] x, int o0, int o1, int o2, int o3, int o4, float[] c, int p0, int p1,
                                int t0, int t1, float[] lanes, double[] acc, int b0, int b1, int b2, int b3, int b4,
                                int c0, int c1, int rowsLeft, int centersLeft) {
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        FloatVector a40 = FloatVector.zero(SPECIES);
        FloatVector a41 = FloatVector.zero(SPECIES);
        int vend = t0 + SPECIES.loopBound(t1 - t0);
        for (int j = t0; j < vend; j += LANES) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, c, p0 + j);
            FloatVector v1 = FloatVector.fromArray(SPECIES, c, p1 + j);
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, o0 + j);
            a00 = x0.fma(v0, a00);
            a01 = x0.fma(v1, a01);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, o1 + j);
            a10 = x1.fma(v0, a10);
            a11 = x1.fma(v1, a11);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, o2 + j);
            a20 = x2.fma(v0, a20);
            a21 = x2.fma(v1, a21);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, o3 + j);
            a30 = x3.fma(v0, a30);
            a31 = x3.fma(v1, a31);
            FloatVector x4 = FloatVector.fromArray(SPECIES, x, o4 + j);
            a40 = x4.fma(v0, a40);
            a41 = x4.fma(v1, a41);
        }
        boolean second = centersLeft > 1;
        acc[b0 + c0] += finish(a00, x, o0, c, p0, vend, t1, lanes);
        if (second) {
            acc[b0 + c1] += finish(a01, x, o0, c, p1, vend, t1, lanes);
        }
        if (rowsLeft > 1) {
            acc[b1 + c0] += finish(a10, x, o1, c, p0, vend, t1, lanes);
            if (second) {
                acc[b1 + c1] += finish(a11, x, o1, c, p1, vend, t1, lanes);
            }
        }
        if (rowsLeft > 2) {
            acc[b2 + c0] += finish(a20, x, o2, c, p0, vend, t1, lanes);
            if (second) {
                acc[b2 + c1] += finish(a21, x, o2, c, p1, vend, t1, lanes);
            }
        }
        if (rowsLeft > 3) {
            acc[b3 + c0] += finish(a30, x, o3, c, p0, vend, t1, lanes);
            if (second) {
                acc[b3 + c1] += finish(a31, x, o3, c, p1, vend, t1, lanes);
            }
        }
        if (rowsLeft > 4) {
            acc[b4 + c0] += finish(a40, x, o4, c, p0, vend, t1, lanes);
            if (second) {
                acc[b4 + c1] += finish(a41, x, o4, c, p1, vend, t1, lanes);
            }
        }
    }

    /** Lane sum in a fixed order, then the scalar tail: the one way every dot product ends. */
    private static float finish(FloatVector a, float[] x, int xo, float[] c, int co, int vend, int t1,
                                float[] lanes) {
        a.intoArray(lanes, 0);
        float s = sumLanes(lanes);
        for (int j = vend; j < t1; j++) {
            s = Math.fma(x[xo + j], c[co + j], s);
        }
        return s;
    }

    /** Pairwise sum in a fixed order: log2(lanes) dependent additions instead of lanes - 1. */
    private static float sumLanes(float[] v) {
        int n = v.length;
        if (n == 8) {
            return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
        }
        if (n == 16) {
            return (((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7])))
                    + (((v[8] + v[9]) + (v[10] + v[11])) + ((v[12] + v[13]) + (v[14] + v[15])));
        }
        float s = v[0];
        for (int l = 1; l < n; l++) {
            s += v[l];
        }
        return s;
    }

    /** One dot product with exactly the operations the 5 x 2 kernel applies to each pair. */
    private static double dot(float[] x, int xo, float[] c, int co, int d, int tile, float[] lanes) {
        double total = 0;
        for (int t0 = 0; t0 < d; t0 += tile) {
            int t1 = Math.min(d, t0 + tile);
            FloatVector a = FloatVector.zero(SPECIES);
            int vend = t0 + SPECIES.loopBound(t1 - t0);
            for (int j = t0; j < vend; j += LANES) {
                a = FloatVector.fromArray(SPECIES, x, xo + j).fma(FloatVector.fromArray(SPECIES, c, co + j), a);
            }
            total += finish(a, x, xo, c, co, vend, t1, lanes);
        }
        return total;
    }

    private static void requireSameWidth(FloatMatrix x, FloatMatrix y) {
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("rows have " + x.cols() + " features but the other matrix has "
                    + y.cols());
        }
    }
}
