package org.imageclustering.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
 *       {@code ||x||^2 - 2 x.c + ||c||^2}, combined in {@code double}. Their dot products run in
 *       GEMM form on float32 SIMD lanes (the incubating Vector API): the centres are packed once per
 *       {@link Centers} into panels of up to 4 vectors, feature-major, so that one lane holds one
 *       centre; a register tile of 6 rows x (1, 2 or 4) vectors (12 rows x 1 vector when there are
 *       at most one vector of centres) accumulates FMAs of a broadcast row value with a centre
 *       vector along the features, with no lane sum at all. The order of every
 *       dot product (and of every squared norm) is fixed: for each chunk of {@value #CHUNK}
 *       features, one float FMA chain in feature order starting from 0; the chunk sums added in
 *       float in chunk order (so a chunk ends with one vector addition, not a lane sum). It does not
 *       depend on the other rows or centres, on feature tiles (multiples of a chunk), or on threads.
 *       Cancellation can make the expansion slightly wrong, even negative, when {@code x} is close
 *       to {@code c}, so it is clamped at 0. Its error is bounded rigorously: with {@code n} the
 *       longest chain of float roundings in one dot product or norm ({@value #CHUNK} FMAs of the
 *       first chunk, then one addition per further chunk, plus 2 to cover the double operations) and
 *       {@code g = n u / (1 - n u)}, {@code u = 2^-24}, each of {@code ||x||^2}, {@code ||c||^2} and
 *       {@code x.c} is within {@code g} times the sum of its absolute products, so every approximate
 *       distance is within {@code g (||x|| + ||c||)^2}, and {@code E = 2 g (||x|| + ||c||)^2}
 *       ({@link #errorBound}) leaves a factor 2 for the double roundings. The few-pair kernels
 *       ({@link #upperBounds}, {@link #approximateMany}, {@link Centers#upperBound}) sum lane-parallel
 *       chains of at most {@code 1024 / lanes} roundings plus a lane sum and a tail of at most
 *       {@code 2 lanes}; {@code n} is the larger of the two chains, so one {@code E} covers both.</li>
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
 * sequence of float operations (IEEE FMAs, whether on a lane or in {@link Math#fma}), so it is also
 * the same wherever it is computed ({@link Centers#approximate} repeats it for one pair).
 */
public final class SquaredEuclidean {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows processed together by the block kernels (their partial dot products stay in a small array). */
    private static final int ROW_BLOCK = 24;
    /** Rows of the micro-kernel's register tile. */
    private static final int TILE_ROWS = 6;
    /** Rows of the narrow micro-kernels (at most one vector of centres). */
    private static final int NARROW_ROWS = 12;
    /** Centre vectors of the widest micro-kernel (6 x 4 accumulators, 4 centre vectors, 1 broadcast). */
    private static final int PANEL_VECTORS = 4;
    /**
     * Features per float FMA chain: every dot product of the block kernels is a sum, in double and in
     * chunk order, of one float chain per chunk of this many features (see the class comment).
     */
    static final int CHUNK = 128;
    /** Features per lane-parallel float sum of the few-pair kernels ({@link #upperBounds}, {@link #approximateMany}). */
    private static final int DOT_TILE = 1024;
    /** Floats of packed centre data per feature tile: 64 Ki floats, 256 KiB, fits the L2 cache beside the rows. */
    private static final int TILE_BUDGET = 1 << 16;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    /** Relative slack for double rounding when exact distances decide between near-tied centres. */
    private static final double EXACT_SLACK = 1e-12;
    /** Rows per block of {@link RowBlocks}: one SIMD lane per row. */
    private static final int BLOCK_ROWS = LANES;
    /** Blocks of the row-lane micro-kernel: 4 blocks against 5 centres, 20 accumulators. */
    private static final int LANE_BLOCKS = 4;
    /**
     * Rows per step of the row-lane kernel (64 with 16 lanes);
     * {@link #assign(FloatMatrix, RowBlocks, double[], int, int, Centers, int[], double[])} needs
     * {@code start} to be a multiple of it.
     */
    public static final int ROW_LANE_STEP = BLOCK_ROWS * LANE_BLOCKS;
    /** Centres per pass of the row-lane micro-kernel; the last pass is padded with zero centres. */
    private static final int LANE_CENTRES = 5;
    /**
     * Most centres for which the row-lane kernel is used: beyond, the padding of the centre
     * vectors (at most 16 lanes, 6 idle at k = 10) costs less than the padding of the passes.
     */
    public static final int ROW_LANE_MAX_K = 10;

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
        float[] xd = x.data();
        for (int i = start; i < end; i++) {
            out[i] = chunkedDot(xd, i * d, xd, i * d, d);
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
     * distance, given the error factor {@code gamma} of the class comment ({@code 2 g}).
     */
    public static double errorBound(double nx, double nc, double gamma) {
        double s = Math.sqrt(nx) + Math.sqrt(nc);
        return gamma * s * s;
    }

    /**
     * {@code 2 g} of the class comment for rows of {@code d} features: {@code n} is the longer of the
     * block order's chain ({@value #CHUNK} FMAs, then one float addition per further chunk) and the
     * lane order's (a lane's FMAs per 1024 features, its lane sum and tail), plus 2 for the double
     * operations.
     */
    static double gamma(int d) {
        int chunks = Math.max(1, (d + CHUNK - 1) / CHUNK);
        double n = Math.max(CHUNK + chunks - 1, (DOT_TILE + LANES - 1) / LANES + 2 * LANES) + 2;
        return 2 * n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /**
     * Feature-tile width of the packed kernel for {@code paddedK} centres of {@code d} features: a
     * multiple of {@link #CHUNK}, so that tiles never split a chunk and the per-pair order does not
     * depend on it.
     */
    static int tileWidth(int paddedK, int d) {
        if ((long) paddedK * d <= TILE_BUDGET) {
            return Math.max(d, 1);
        }
        int t = Math.max(CHUNK, (TILE_BUDGET / paddedK) / CHUNK * CHUNK);
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
        /** Centres padded to whole vectors: the stride of the kernel's partial-sum rows. */
        private final int paddedK;
        private final int tile;
        private final double gamma;
        /** Per panel: its first centre, its width in lanes, and where its packed data starts. */
        private final int[] panelColumn;
        private final int[] panelWidth;
        private final int[] panelOffset;
        /** The centres packed panel by panel, feature-major ({@code [j][lane]}); built on first use. */
        private volatile float[] packed;
        /** The centres row-major, padded with zero centres to whole passes of the row-lane kernel; built on first use. */
        private volatile float[] passes;

        private Centers(FloatMatrix centers) {
            this.centers = centers;
            int k = centers.rows();
            int d = centers.cols();
            this.gamma = gamma(d);
            this.norms = new double[k];
            this.roots = new double[k];
            float[] cd = centers.data();
            for (int c = 0; c < k; c++) {
                norms[c] = chunkedDot(cd, c * d, cd, c * d, d);
                roots[c] = Math.sqrt(norms[c]);
            }
            int vectors = (k + LANES - 1) / LANES;
            this.paddedK = vectors * LANES;
            this.tile = tileWidth(paddedK, d);
            // panels of 4 vectors, the remainder as a 2 and/or a 1
            int panels = vectors / PANEL_VECTORS + ((vectors % PANEL_VECTORS) >= 2 ? 1 : 0) + (vectors % 2);
            panelColumn = new int[panels];
            panelWidth = new int[panels];
            panelOffset = new int[panels];
            int left = vectors;
            int column = 0;
            for (int p = 0; p < panels; p++) {
                int v = left >= PANEL_VECTORS ? PANEL_VECTORS : left >= 2 ? 2 : 1;
                panelColumn[p] = column;
                panelWidth[p] = v * LANES;
                panelOffset[p] = column * d;
                column += v * LANES;
                left -= v;
            }
        }

        /** The packed centres, built once (racing threads would build identical arrays). */
        private float[] packed() {
            float[] p = packed;
            if (p == null) {
                int k = centers.rows();
                int d = centers.cols();
                float[] cd = centers.data();
                p = new float[paddedK * d];
                for (int q = 0; q < panelColumn.length; q++) {
                    int w = panelWidth[q];
                    int first = panelColumn[q];
                    int last = Math.min(k, first + w);
                    for (int c = first; c < last; c++) {
                        int at = panelOffset[q] + (c - first);
                        int from = c * d;
                        for (int j = 0; j < d; j++) {
                            p[at + j * w] = cd[from + j];
                        }
                    }
                }
                packed = p;
            }
            return p;
        }

        /** The centres for the row-lane kernel (see {@link #passes}), built once. */
        private float[] passes() {
            float[] p = passes;
            if (p == null) {
                int k = centers.rows();
                int d = centers.cols();
                p = new float[(k + LANE_CENTRES - 1) / LANE_CENTRES * LANE_CENTRES * d];
                System.arraycopy(centers.data(), 0, p, 0, k * d);
                passes = p;
            }
            return p;
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
         * value the block kernel computes for the same pair (a scalar FMA chain per chunk;
         * {@code lanes} is not needed by it and kept for the callers of {@link #upperBound}).
         */
        public double approximate(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
            int d = x.cols();
            double dot = chunkedDot(x.data(), i * d, centers.data(), c * d, d);
            return Math.max(0, xNorm + norms[c] - 2 * dot);
        }

        /** The error bound {@code E} of the approximate distance between a row of squared norm {@code xNorm} and centre {@code c}. */
        public double error(double xNorm, int c) {
            return errorBound(xNorm, norms[c], gamma);
        }

        /**
         * An upper bound on the true distance between row {@code i} of {@code x} and centre {@code c}
         * (approximation + error), computed like {@link #upperBounds} (lane-parallel sums, not the
         * block kernel's order, so not necessarily {@link #approximate} + {@link #error}).
         */
        public double upperBound(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
            int d = x.cols();
            double dot = laneDot(x.data(), i * d, centers.data(), c * d, d, lanes);
            return xNorm + norms[c] - 2 * dot + errorBound(xNorm, norms[c], gamma);
        }
    }

    /** A scratch buffer for {@link Centers#approximate} and {@link Centers#upperBound}: one per thread. */
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
        return assign(x, xNorms, rows, start, end, centers, labels, dist, upper, lower, null, null);
    }

    /**
     * {@link #assign(FloatMatrix, double[], int[], int, int, Centers, int[], double[], double[], double[])}
     * that also writes, when {@code lowerAll} is not null, a lower bound on the true distance from
     * row {@code i} to every centre {@code c} into {@code lowerAll[i * k + c]}, for Elkan's method,
     * plus {@code lowerShift[c]} when that is not null (Elkan's bounds are stored shifted by each
     * centre's drift). {@code lowerAll} must hold fewer than 2^31 entries.
     */
    public static long assign(FloatMatrix x, double[] xNorms, int[] rows, int start, int end, Centers centers,
                              int[] labels, double[] dist, double[] upper, double[] lower, double[] lowerAll,
                              double[] lowerShift) {
        return assign(x, null, xNorms, rows, start, end, centers, labels, dist, upper, lower, lowerAll, lowerShift);
    }

    /**
     * {@link #assign(FloatMatrix, double[], int[], int, int, Centers, int[], double[], double[], double[])}
     * for the rows {@code [start, end)} without bounds, by the row-lane kernel over {@code blocks}
     * (the rows of {@code x} in {@link RowBlocks} form) when there are at most
     * {@value #ROW_LANE_MAX_K} centres and {@code start} is a multiple of {@link #ROW_LANE_STEP}:
     * every value is bit-identical to the other path's, which it takes otherwise.
     */
    public static long assign(FloatMatrix x, RowBlocks blocks, double[] xNorms, int start, int end, Centers centers,
                              int[] labels, double[] dist) {
        if (blocks != null && blocks.source != x.data()) {
            throw new IllegalArgumentException("row blocks made from another matrix than the " + x.rows() + " x "
                    + x.cols() + " one given");
        }
        return assign(x, blocks, xNorms, null, start, end, centers, labels, dist, null, null, null, null);
    }

    private static long assign(FloatMatrix x, RowBlocks blocks, double[] xNorms, int[] rows, int start, int end,
                               Centers centers, int[] labels, double[] dist, double[] upper, double[] lower,
                               double[] lowerAll, double[] lowerShift) {
        requireSameWidth(x, centers.centers);
        int d = x.cols();
        int k = centers.k();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        double gamma = centers.gamma;
        double[] cn = centers.norms;
        double[] cr = centers.roots;
        int stride = centers.paddedK;
        boolean rowLanes = blocks != null && rows == null && k <= ROW_LANE_MAX_K && start % ROW_LANE_STEP == 0;
        int step = rowLanes ? ROW_LANE_STEP : ROW_BLOCK;
        float[] acc = new float[(step + 1) * stride];
        float[] laneSums = rowLanes ? new float[(ROW_LANE_MAX_K + LANE_CENTRES - 1) / LANE_CENTRES * LANE_BLOCKS * LANE_CENTRES * BLOCK_ROWS] : null;
        // Lloyd's case (no bounds wanted): the rows with a clear nearest centre are decided in
        // vector form, the others by the scalar code below
        boolean screen = rowLanes && upper == null && lower == null && lowerAll == null;
        double[] screenWork = screen ? new double[(k + 4) * ROW_LANE_STEP] : null;
        int[] unique = screen ? new int[ROW_LANE_STEP] : null;
        double[] dist0 = new double[k];
        int[] off = new int[step];
        int[] idx = new int[step];
        long exact = 0;
        for (int b = start; b < end; b += step) {
            int m = Math.min(step, end - b);
            for (int r = 0; r < m; r++) {
                idx[r] = rows == null ? b + r : rows[b + r];
                off[r] = idx[r] * d;
            }
            if (rowLanes) {
                rowLaneDots(blocks.data, b / BLOCK_ROWS, d, centers, laneSums, acc);
                if (screen) {
                    screenRows(acc, stride, m, xNorms, b, centers, screenWork, unique);
                }
            } else {
                dots(xd, off, m, centers, acc);
            }
            for (int r = 0; r < m; r++) {
                int i = idx[r];
                double nx = xNorms[i];
                if (screen && unique[r] >= 0) {
                    int c = unique[r];
                    labels[i] = c;
                    if (dist != null) {
                        dist[i] = Math.max(0, nx + cn[c] - 2 * (double) acc[r * stride + c]);
                    }
                    continue;
                }
                double rx = Math.sqrt(nx);
                int base = r * stride;
                double bestUpper = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double a = nx + cn[c] - 2 * (double) acc[base + c];
                    dist0[c] = a;
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
                    if (dist0[c] - gamma * s * s <= cut) {
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
                        if (dist0[c] - gamma * s * s <= cut) {
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
                    dist[i] = Math.max(0, dist0[best]);
                }
                if (lowerAll != null) {
                    // plain array arithmetic, so that the JIT can vectorise the square roots
                    int lb = i * k;
                    for (int c = 0; c < k; c++) {
                        double sc = rx + cr[c];
                        lowerAll[lb + c] = Math.sqrt(Math.max(0, dist0[c] - gamma * sc * sc));
                    }
                    if (lowerShift != null) {
                        for (int c = 0; c < k; c++) {
                            lowerAll[lb + c] += lowerShift[c];
                        }
                    }
                }
                if (upper != null) {
                    double s = rx + cr[best];
                    upper[i] = Math.sqrt(Math.max(0, dist0[best] + gamma * s * s));
                    double low = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        if (c != best) {
                            double sc = rx + cr[c];
                            double l = dist0[c] - gamma * sc * sc;
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
     * {@link Centers#upperBound} (lane-parallel sums: a bound, not the block kernel's value).
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
            for (int t0 = 0; t0 < d; t0 += DOT_TILE) {
                int t1 = Math.min(d, t0 + DOT_TILE);
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
     * each load of the row), and every pair gets exactly the operations of {@link Centers#upperBound}
     * (lane-parallel sums, within the same error bound as the block kernel's values).
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
            for (int t0 = 0; t0 < d; t0 += DOT_TILE) {
                int t1 = Math.min(d, t0 + DOT_TILE);
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
        int stride = centers.paddedK;
        float[] acc = new float[(ROW_BLOCK + 1) * stride];
        int[] off = new int[ROW_BLOCK];
        for (int b = start; b < end; b += ROW_BLOCK) {
            int m = Math.min(ROW_BLOCK, end - b);
            for (int r = 0; r < m; r++) {
                off[r] = (b + r) * d;
            }
            dots(x.data(), off, m, centers, acc);
            for (int r = 0; r < m; r++) {
                double nx = xNorms[b + r];
                int o = (b + r - start) * k;
                for (int c = 0; c < k; c++) {
                    out[o + c] = Math.max(0, nx + centers.norms[c] - 2 * (double) acc[r * stride + c]);
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
     * The rows of a matrix copied into blocks of one row per SIMD lane, feature-major ({@code
     * [block][feature][row]}, zero rows padding the last step), for the row-lane kernel: one SIMD
     * lane per row, so no lane idles when there are fewer centres than lanes. Build it once per
     * matrix (a second copy of the data); it is immutable and shared by all worker threads.
     */
    public static final class RowBlocks {
        private final float[] data;
        /** The data array copied: the kernel takes these blocks for that array only. */
        private final float[] source;

        private RowBlocks(float[] data, float[] source) {
            this.data = data;
            this.source = source;
        }

        /** The bytes a copy of {@code x} takes: its rows padded to a whole row-lane step. */
        public static long bytes(FloatMatrix x) {
            long rows = ((long) x.rows() + ROW_LANE_STEP - 1) / ROW_LANE_STEP * ROW_LANE_STEP;
            return 4L * rows * x.cols();
        }

        /** Copies the rows of {@code x}; fails when the copy exceeds one Java array. */
        public static RowBlocks of(FloatMatrix x, Parallelism parallel) {
            int n = x.rows();
            int d = x.cols();
            long floats = bytes(x) / 4;
            if (floats > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a row-block copy of " + n + " x " + d + " exceeds one Java array");
            }
            float[] out = new float[(int) floats];
            float[] xd = x.data();
            int blocks = (int) (floats / ((long) d * BLOCK_ROWS));
            parallel.forEach(blocks, 64, (s, e) -> {
                for (int b = s; b < e; b++) {
                    for (int r = 0; r < BLOCK_ROWS && b * BLOCK_ROWS + r < n; r++) {
                        int from = (b * BLOCK_ROWS + r) * d;
                        int to = b * d * BLOCK_ROWS + r;
                        for (int j = 0; j < d; j++) {
                            out[to + j * BLOCK_ROWS] = xd[from + j];
                        }
                    }
                }
            });
            return new RowBlocks(out, xd);
        }
    }

    /**
     * The exact-argmin rule of {@link #assign} in vector form, one lane per row, for the {@code m}
     * rows of a row-lane step from row {@code b}: into {@code unique[r]} the only centre whose
     * approximate distance less its error bound is within the cut (then it is the nearest), or -1
     * when several are (a near tie: the scalar code decides, exactly). Each lane does the scalar
     * code's double operations in the same order, so it takes the same decisions.
     */
    private static void screenRows(float[] acc, int stride, int m, double[] xNorms, int b, Centers cs, double[] work,
                                   int[] unique) {
        int k = cs.k();
        int w = ROW_LANE_STEP;
        // work: squared norms, their roots, each centre's dot products, then first and count per row
        for (int r = 0; r < w; r++) {
            double nx = r < m ? xNorms[b + r] : 0;
            work[r] = nx;
            work[w + r] = Math.sqrt(nx);
        }
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < w; r++) {
                work[(2 + c) * w + r] = acc[r * stride + c];
            }
        }
        int firstAt = (2 + k) * w;
        int countAt = firstAt + w;
        double gamma = cs.gamma;
        for (int g = 0; g < w; g += DOUBLES.length()) {
            DoubleVector nx = DoubleVector.fromArray(DOUBLES, work, g);
            DoubleVector rx = DoubleVector.fromArray(DOUBLES, work, w + g);
            DoubleVector best = DoubleVector.broadcast(DOUBLES, Double.POSITIVE_INFINITY);
            for (int c = 0; c < k; c++) {
                DoubleVector a = nx.add(cs.norms[c]).sub(DoubleVector.fromArray(DOUBLES, work, (2 + c) * w + g).mul(2));
                DoubleVector s = rx.add(cs.roots[c]);
                best = best.min(a.add(s.mul(gamma).mul(s)));
            }
            DoubleVector cut = best.add(best.abs().mul(EXACT_SLACK));
            DoubleVector first = DoubleVector.broadcast(DOUBLES, -1);
            DoubleVector count = DoubleVector.zero(DOUBLES);
            DoubleVector one = DoubleVector.broadcast(DOUBLES, 1);
            for (int c = k - 1; c >= 0; c--) { // downwards, so that the lowest candidate is left in first
                DoubleVector a = nx.add(cs.norms[c]).sub(DoubleVector.fromArray(DOUBLES, work, (2 + c) * w + g).mul(2));
                DoubleVector s = rx.add(cs.roots[c]);
                VectorMask<Double> candidate = a.sub(s.mul(gamma).mul(s)).compare(VectorOperators.LE, cut);
                first = first.blend(c, candidate);
                count = count.add(one, candidate);
            }
            first.intoArray(work, firstAt + g);
            count.intoArray(work, countAt + g);
        }
        for (int r = 0; r < m; r++) {
            unique[r] = work[countAt + r] == 1 ? (int) work[firstAt + r] : -1;
        }
    }

    /**
     * Dot products of the {@link #ROW_LANE_STEP} rows from block {@code block} on with every
     * centre into {@code acc[r * stride + c]}, by the row-lane kernel: per feature, a vector of
     * rows meets a broadcast centre value. Each (row, centre) lane runs the packed kernel's float
     * FMA chain per chunk (the same operands in the same order), and the chunk sums are added in
     * chunk order from 0, so every value is bit-identical to {@link #dots}'s.
     */
    private static void rowLaneDots(float[] blocks, int block, int d, Centers cs, float[] sums, float[] acc) {
        int k = cs.k();
        int stride = cs.paddedK;
        float[] p = cs.passes();
        int passes = (k + LANE_CENTRES - 1) / LANE_CENTRES;
        int perPass = LANE_BLOCKS * LANE_CENTRES * BLOCK_ROWS;
        java.util.Arrays.fill(sums, 0, passes * perPass, 0f);
        int base = block * d * BLOCK_ROWS;
        // chunks outside, passes inside: a chunk of the rows (32 KB) is still in cache for the second pass
        for (int q0 = 0; q0 < d; q0 += CHUNK) {
            for (int pass = 0; pass < passes; pass++) {
                rowLaneChunk(blocks, base, d, p, pass * LANE_CENTRES * d, q0, Math.min(d, q0 + CHUNK), sums, pass * perPass);
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            int first = pass * LANE_CENTRES;
            int width = Math.min(LANE_CENTRES, k - first);
            for (int blk = 0; blk < LANE_BLOCKS; blk++) {
                for (int c = 0; c < width; c++) {
                    int from = pass * perPass + (blk * LANE_CENTRES + c) * BLOCK_ROWS;
                    for (int r = 0; r < BLOCK_ROWS; r++) {
                        acc[(blk * BLOCK_ROWS + r) * stride + first + c] = sums[from + r];
                    }
                }
            }
        }
    }

    /** The row-lane micro-kernel: 4 blocks of rows x 5 centres over the features {@code [q0, q1)} of one chunk, 20 accumulators. */
    private static void rowLaneChunk(float[] blocks, int base, int d, float[] p, int c0, int q0, int q1, float[] sums,
                                     int at) {
        int c1 = c0 + d;
        int c2 = c1 + d;
        int c3 = c2 + d;
        int c4 = c3 + d;
        int s1 = d * BLOCK_ROWS;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a02 = FloatVector.zero(SPECIES);
        FloatVector a03 = FloatVector.zero(SPECIES);
        FloatVector a04 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a12 = FloatVector.zero(SPECIES);
        FloatVector a13 = FloatVector.zero(SPECIES);
        FloatVector a14 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a22 = FloatVector.zero(SPECIES);
        FloatVector a23 = FloatVector.zero(SPECIES);
        FloatVector a24 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        FloatVector a32 = FloatVector.zero(SPECIES);
        FloatVector a33 = FloatVector.zero(SPECIES);
        FloatVector a34 = FloatVector.zero(SPECIES);
        for (int j = q0, o = base + q0 * BLOCK_ROWS; j < q1; j++, o += BLOCK_ROWS) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, blocks, o);
            FloatVector v1 = FloatVector.fromArray(SPECIES, blocks, o + s1);
            FloatVector v2 = FloatVector.fromArray(SPECIES, blocks, o + 2 * s1);
            FloatVector v3 = FloatVector.fromArray(SPECIES, blocks, o + 3 * s1);
            FloatVector e;
            e = FloatVector.broadcast(SPECIES, p[c0 + j]);
            a00 = v0.fma(e, a00);
            a10 = v1.fma(e, a10);
            a20 = v2.fma(e, a20);
            a30 = v3.fma(e, a30);
            e = FloatVector.broadcast(SPECIES, p[c1 + j]);
            a01 = v0.fma(e, a01);
            a11 = v1.fma(e, a11);
            a21 = v2.fma(e, a21);
            a31 = v3.fma(e, a31);
            e = FloatVector.broadcast(SPECIES, p[c2 + j]);
            a02 = v0.fma(e, a02);
            a12 = v1.fma(e, a12);
            a22 = v2.fma(e, a22);
            a32 = v3.fma(e, a32);
            e = FloatVector.broadcast(SPECIES, p[c3 + j]);
            a03 = v0.fma(e, a03);
            a13 = v1.fma(e, a13);
            a23 = v2.fma(e, a23);
            a33 = v3.fma(e, a33);
            e = FloatVector.broadcast(SPECIES, p[c4 + j]);
            a04 = v0.fma(e, a04);
            a14 = v1.fma(e, a14);
            a24 = v2.fma(e, a24);
            a34 = v3.fma(e, a34);
        }
        // written out: a helper taking a vector measured 2x slower in some runs (the vector boxed
        // whenever the JIT did not inline the call)
        a00.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a01.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a02.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a03.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a04.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a10.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a11.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a12.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a13.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a14.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a20.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a21.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a22.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a23.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a24.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a30.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a31.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a32.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a33.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a34.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 4) * BLOCK_ROWS);
    }

    /**
     * Partial dot products of {@code m <= ROW_BLOCK} rows (at offsets {@code off}) with all centres
     * into {@code acc[r * paddedK + c]}: feature tile by feature tile, each tile as groups of
     * {@value #TILE_ROWS} rows against every packed panel. A short last group repeats its last row;
     * the repeats add into the spare row {@code ROW_BLOCK} of {@code acc}, which is never read.
     */
    private static void dots(float[] x, int[] off, int m, Centers cs, float[] acc) {
        int stride = cs.paddedK;
        int d = cs.centers.cols();
        float[] p = cs.packed();
        int spare = ROW_BLOCK * stride;
        java.util.Arrays.fill(acc, 0, (ROW_BLOCK + 1) * stride, 0f);
        for (int t0 = 0; t0 < d; t0 += cs.tile) {
            int t1 = Math.min(d, t0 + cs.tile);
            if (cs.paddedK <= LANES) {
                for (int r = 0; r < m; r += NARROW_ROWS) {
                    int o0 = off[r];
                    int b0 = r * stride;
                    int o1 = r + 1 < m ? off[r + 1] : off[m - 1];
                    int b1 = r + 1 < m ? (r + 1) * stride : spare;
                    int o2 = r + 2 < m ? off[r + 2] : off[m - 1];
                    int b2 = r + 2 < m ? (r + 2) * stride : spare;
                    int o3 = r + 3 < m ? off[r + 3] : off[m - 1];
                    int b3 = r + 3 < m ? (r + 3) * stride : spare;
                    int o4 = r + 4 < m ? off[r + 4] : off[m - 1];
                    int b4 = r + 4 < m ? (r + 4) * stride : spare;
                    int o5 = r + 5 < m ? off[r + 5] : off[m - 1];
                    int b5 = r + 5 < m ? (r + 5) * stride : spare;
                    int o6 = r + 6 < m ? off[r + 6] : off[m - 1];
                    int b6 = r + 6 < m ? (r + 6) * stride : spare;
                    int o7 = r + 7 < m ? off[r + 7] : off[m - 1];
                    int b7 = r + 7 < m ? (r + 7) * stride : spare;
                    int o8 = r + 8 < m ? off[r + 8] : off[m - 1];
                    int b8 = r + 8 < m ? (r + 8) * stride : spare;
                    int o9 = r + 9 < m ? off[r + 9] : off[m - 1];
                    int b9 = r + 9 < m ? (r + 9) * stride : spare;
                    int o10 = r + 10 < m ? off[r + 10] : off[m - 1];
                    int b10 = r + 10 < m ? (r + 10) * stride : spare;
                    int o11 = r + 11 < m ? off[r + 11] : off[m - 1];
                    int b11 = r + 11 < m ? (r + 11) * stride : spare;
                    kernelNarrow(x, o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11,
                                p, 0, t0, t1, acc, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11);
                }
                continue;
            }
            for (int r = 0; r < m; r += TILE_ROWS) {
                int o0 = off[r];
                int b0 = r * stride;
                int o1 = r + 1 < m ? off[r + 1] : off[m - 1];
                int b1 = r + 1 < m ? (r + 1) * stride : spare;
                int o2 = r + 2 < m ? off[r + 2] : off[m - 1];
                int b2 = r + 2 < m ? (r + 2) * stride : spare;
                int o3 = r + 3 < m ? off[r + 3] : off[m - 1];
                int b3 = r + 3 < m ? (r + 3) * stride : spare;
                int o4 = r + 4 < m ? off[r + 4] : off[m - 1];
                int b4 = r + 4 < m ? (r + 4) * stride : spare;
                int o5 = r + 5 < m ? off[r + 5] : off[m - 1];
                int b5 = r + 5 < m ? (r + 5) * stride : spare;
                for (int q = 0; q < cs.panelColumn.length; q++) {
                    int col = cs.panelColumn[q];
                    int base = cs.panelOffset[q];
                    switch (cs.panelWidth[q] / LANES) {
                        case 4 -> kernel4(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                        case 2 -> kernel2(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                        default -> kernel1(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: {@value #TILE_ROWS} rows x 4 vectors of centres, 24 accumulators. Per
     * feature, four vector loads of packed centres and one broadcast per row feed 24 FMAs; each
     * accumulator lane is one (row, centre) pair's float chain over a chunk of features, so no
     * lane sum is needed. At the end of each chunk the lanes are added to the pairs' running sums.
     */
    private static void kernel4(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 4 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a01 = FloatVector.zero(SPECIES);
            FloatVector a02 = FloatVector.zero(SPECIES);
            FloatVector a03 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a11 = FloatVector.zero(SPECIES);
            FloatVector a12 = FloatVector.zero(SPECIES);
            FloatVector a13 = FloatVector.zero(SPECIES);
            FloatVector a20 = FloatVector.zero(SPECIES);
            FloatVector a21 = FloatVector.zero(SPECIES);
            FloatVector a22 = FloatVector.zero(SPECIES);
            FloatVector a23 = FloatVector.zero(SPECIES);
            FloatVector a30 = FloatVector.zero(SPECIES);
            FloatVector a31 = FloatVector.zero(SPECIES);
            FloatVector a32 = FloatVector.zero(SPECIES);
            FloatVector a33 = FloatVector.zero(SPECIES);
            FloatVector a40 = FloatVector.zero(SPECIES);
            FloatVector a41 = FloatVector.zero(SPECIES);
            FloatVector a42 = FloatVector.zero(SPECIES);
            FloatVector a43 = FloatVector.zero(SPECIES);
            FloatVector a50 = FloatVector.zero(SPECIES);
            FloatVector a51 = FloatVector.zero(SPECIES);
            FloatVector a52 = FloatVector.zero(SPECIES);
            FloatVector a53 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector c1 = FloatVector.fromArray(SPECIES, p, pj + LANES);
                FloatVector c2 = FloatVector.fromArray(SPECIES, p, pj + 2 * LANES);
                FloatVector c3 = FloatVector.fromArray(SPECIES, p, pj + 3 * LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                a01 = b.fma(c1, a01);
                a02 = b.fma(c2, a02);
                a03 = b.fma(c3, a03);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                a11 = b.fma(c1, a11);
                a12 = b.fma(c2, a12);
                a13 = b.fma(c3, a13);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                a21 = b.fma(c1, a21);
                a22 = b.fma(c2, a22);
                a23 = b.fma(c3, a23);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                a31 = b.fma(c1, a31);
                a32 = b.fma(c2, a32);
                a33 = b.fma(c3, a33);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                a41 = b.fma(c1, a41);
                a42 = b.fma(c2, a42);
                a43 = b.fma(c3, a43);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
                a51 = b.fma(c1, a51);
                a52 = b.fma(c2, a52);
                a53 = b.fma(c3, a53);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a01.add(FloatVector.fromArray(SPECIES, acc, b0 + LANES)).intoArray(acc, b0 + LANES);
            a02.add(FloatVector.fromArray(SPECIES, acc, b0 + 2 * LANES)).intoArray(acc, b0 + 2 * LANES);
            a03.add(FloatVector.fromArray(SPECIES, acc, b0 + 3 * LANES)).intoArray(acc, b0 + 3 * LANES);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a11.add(FloatVector.fromArray(SPECIES, acc, b1 + LANES)).intoArray(acc, b1 + LANES);
            a12.add(FloatVector.fromArray(SPECIES, acc, b1 + 2 * LANES)).intoArray(acc, b1 + 2 * LANES);
            a13.add(FloatVector.fromArray(SPECIES, acc, b1 + 3 * LANES)).intoArray(acc, b1 + 3 * LANES);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a21.add(FloatVector.fromArray(SPECIES, acc, b2 + LANES)).intoArray(acc, b2 + LANES);
            a22.add(FloatVector.fromArray(SPECIES, acc, b2 + 2 * LANES)).intoArray(acc, b2 + 2 * LANES);
            a23.add(FloatVector.fromArray(SPECIES, acc, b2 + 3 * LANES)).intoArray(acc, b2 + 3 * LANES);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a31.add(FloatVector.fromArray(SPECIES, acc, b3 + LANES)).intoArray(acc, b3 + LANES);
            a32.add(FloatVector.fromArray(SPECIES, acc, b3 + 2 * LANES)).intoArray(acc, b3 + 2 * LANES);
            a33.add(FloatVector.fromArray(SPECIES, acc, b3 + 3 * LANES)).intoArray(acc, b3 + 3 * LANES);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a41.add(FloatVector.fromArray(SPECIES, acc, b4 + LANES)).intoArray(acc, b4 + LANES);
            a42.add(FloatVector.fromArray(SPECIES, acc, b4 + 2 * LANES)).intoArray(acc, b4 + 2 * LANES);
            a43.add(FloatVector.fromArray(SPECIES, acc, b4 + 3 * LANES)).intoArray(acc, b4 + 3 * LANES);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a51.add(FloatVector.fromArray(SPECIES, acc, b5 + LANES)).intoArray(acc, b5 + LANES);
            a52.add(FloatVector.fromArray(SPECIES, acc, b5 + 2 * LANES)).intoArray(acc, b5 + 2 * LANES);
            a53.add(FloatVector.fromArray(SPECIES, acc, b5 + 3 * LANES)).intoArray(acc, b5 + 3 * LANES);
        }
    }

    /** {@link #kernel4} for a panel of 2 vectors of centres. */
    private static void kernel2(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 2 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
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
            FloatVector a50 = FloatVector.zero(SPECIES);
            FloatVector a51 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector c1 = FloatVector.fromArray(SPECIES, p, pj + LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                a01 = b.fma(c1, a01);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                a11 = b.fma(c1, a11);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                a21 = b.fma(c1, a21);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                a31 = b.fma(c1, a31);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                a41 = b.fma(c1, a41);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
                a51 = b.fma(c1, a51);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a01.add(FloatVector.fromArray(SPECIES, acc, b0 + LANES)).intoArray(acc, b0 + LANES);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a11.add(FloatVector.fromArray(SPECIES, acc, b1 + LANES)).intoArray(acc, b1 + LANES);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a21.add(FloatVector.fromArray(SPECIES, acc, b2 + LANES)).intoArray(acc, b2 + LANES);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a31.add(FloatVector.fromArray(SPECIES, acc, b3 + LANES)).intoArray(acc, b3 + LANES);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a41.add(FloatVector.fromArray(SPECIES, acc, b4 + LANES)).intoArray(acc, b4 + LANES);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a51.add(FloatVector.fromArray(SPECIES, acc, b5 + LANES)).intoArray(acc, b5 + LANES);
        }
    }

    /** {@link #kernel4} for a panel of 1 vector of centres. */
    private static void kernel1(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, float[] p, int base,
                                int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5) {
        final int w = 1 * LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a20 = FloatVector.zero(SPECIES);
            FloatVector a30 = FloatVector.zero(SPECIES);
            FloatVector a40 = FloatVector.zero(SPECIES);
            FloatVector a50 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, p, pj);
                FloatVector b = FloatVector.broadcast(SPECIES, x[o0 + j]);
                a00 = b.fma(c0, a00);
                b = FloatVector.broadcast(SPECIES, x[o1 + j]);
                a10 = b.fma(c0, a10);
                b = FloatVector.broadcast(SPECIES, x[o2 + j]);
                a20 = b.fma(c0, a20);
                b = FloatVector.broadcast(SPECIES, x[o3 + j]);
                a30 = b.fma(c0, a30);
                b = FloatVector.broadcast(SPECIES, x[o4 + j]);
                a40 = b.fma(c0, a40);
                b = FloatVector.broadcast(SPECIES, x[o5 + j]);
                a50 = b.fma(c0, a50);
            }
            a00.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a10.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a20.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a30.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a40.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a50.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
        }
    }

    /**
     * The micro-kernel for at most one vector of centres: {@value #NARROW_ROWS} rows x 1 vector, so
     * that the loop and broadcast overhead is shared by twelve FMAs.
     */
    private static void kernelNarrow(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, int o8, int o9, int o10, int o11,
                                float[] p, int base, int t0, int t1, float[] acc, int b0, int b1, int b2, int b3, int b4, int b5, int b6, int b7, int b8, int b9, int b10, int b11) {
        final int w = LANES;
        for (int q0 = t0; q0 < t1; q0 += CHUNK) {
            int q1 = Math.min(t1, q0 + CHUNK);
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            FloatVector a4 = FloatVector.zero(SPECIES);
            FloatVector a5 = FloatVector.zero(SPECIES);
            FloatVector a6 = FloatVector.zero(SPECIES);
            FloatVector a7 = FloatVector.zero(SPECIES);
            FloatVector a8 = FloatVector.zero(SPECIES);
            FloatVector a9 = FloatVector.zero(SPECIES);
            FloatVector a10 = FloatVector.zero(SPECIES);
            FloatVector a11 = FloatVector.zero(SPECIES);
            for (int j = q0, pj = base + q0 * w; j < q1; j++, pj += w) {
                FloatVector c = FloatVector.fromArray(SPECIES, p, pj);
                a0 = FloatVector.broadcast(SPECIES, x[o0 + j]).fma(c, a0);
                a1 = FloatVector.broadcast(SPECIES, x[o1 + j]).fma(c, a1);
                a2 = FloatVector.broadcast(SPECIES, x[o2 + j]).fma(c, a2);
                a3 = FloatVector.broadcast(SPECIES, x[o3 + j]).fma(c, a3);
                a4 = FloatVector.broadcast(SPECIES, x[o4 + j]).fma(c, a4);
                a5 = FloatVector.broadcast(SPECIES, x[o5 + j]).fma(c, a5);
                a6 = FloatVector.broadcast(SPECIES, x[o6 + j]).fma(c, a6);
                a7 = FloatVector.broadcast(SPECIES, x[o7 + j]).fma(c, a7);
                a8 = FloatVector.broadcast(SPECIES, x[o8 + j]).fma(c, a8);
                a9 = FloatVector.broadcast(SPECIES, x[o9 + j]).fma(c, a9);
                a10 = FloatVector.broadcast(SPECIES, x[o10 + j]).fma(c, a10);
                a11 = FloatVector.broadcast(SPECIES, x[o11 + j]).fma(c, a11);
            }
            a0.add(FloatVector.fromArray(SPECIES, acc, b0)).intoArray(acc, b0);
            a1.add(FloatVector.fromArray(SPECIES, acc, b1)).intoArray(acc, b1);
            a2.add(FloatVector.fromArray(SPECIES, acc, b2)).intoArray(acc, b2);
            a3.add(FloatVector.fromArray(SPECIES, acc, b3)).intoArray(acc, b3);
            a4.add(FloatVector.fromArray(SPECIES, acc, b4)).intoArray(acc, b4);
            a5.add(FloatVector.fromArray(SPECIES, acc, b5)).intoArray(acc, b5);
            a6.add(FloatVector.fromArray(SPECIES, acc, b6)).intoArray(acc, b6);
            a7.add(FloatVector.fromArray(SPECIES, acc, b7)).intoArray(acc, b7);
            a8.add(FloatVector.fromArray(SPECIES, acc, b8)).intoArray(acc, b8);
            a9.add(FloatVector.fromArray(SPECIES, acc, b9)).intoArray(acc, b9);
            a10.add(FloatVector.fromArray(SPECIES, acc, b10)).intoArray(acc, b10);
            a11.add(FloatVector.fromArray(SPECIES, acc, b11)).intoArray(acc, b11);
        }
    }

    /**
     * One dot product in the block kernel's order: for each chunk of {@link #CHUNK} features, one
     * float FMA chain in feature order starting from 0; the chunk sums added in float in chunk
     * order. Bit-identical to the value the packed kernel computes for the same pair.
     */
    static double chunkedDot(float[] x, int xo, float[] c, int co, int d) {
        float total = 0;
        int q0 = 0;
        // four chunks side by side: independent chains, so their FMA latencies overlap
        for (; q0 + 4 * CHUNK <= d; q0 += 4 * CHUNK) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int a = xo + q0;
            int b = co + q0;
            for (int j = 0; j < CHUNK; j++) {
                s0 = Math.fma(x[a + j], c[b + j], s0);
                s1 = Math.fma(x[a + CHUNK + j], c[b + CHUNK + j], s1);
                s2 = Math.fma(x[a + 2 * CHUNK + j], c[b + 2 * CHUNK + j], s2);
                s3 = Math.fma(x[a + 3 * CHUNK + j], c[b + 3 * CHUNK + j], s3);
            }
            total += s0;
            total += s1;
            total += s2;
            total += s3;
        }
        if (q0 + 2 * CHUNK <= d) {
            float s0 = 0;
            float s1 = 0;
            int a = xo + q0;
            int b = co + q0;
            for (int j = 0; j < CHUNK; j++) {
                s0 = Math.fma(x[a + j], c[b + j], s0);
                s1 = Math.fma(x[a + CHUNK + j], c[b + CHUNK + j], s1);
            }
            total += s0;
            total += s1;
            q0 += 2 * CHUNK;
        }
        for (; q0 < d; q0 += CHUNK) {
            int q1 = Math.min(d, q0 + CHUNK);
            float s = 0;
            for (int j = q0; j < q1; j++) {
                s = Math.fma(x[xo + j], c[co + j], s);
            }
            total += s;
        }
        return total;
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

    /** One dot product as {@link #upperBounds} computes each pair: a lane-parallel sum per {@link #DOT_TILE} features. */
    private static double laneDot(float[] x, int xo, float[] c, int co, int d, float[] lanes) {
        double total = 0;
        for (int t0 = 0; t0 < d; t0 += DOT_TILE) {
            int t1 = Math.min(d, t0 + DOT_TILE);
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
