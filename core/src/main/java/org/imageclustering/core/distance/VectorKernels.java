package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.BLOCK_ROWS;
import static org.imageclustering.core.distance.KernelLayout.CHUNK;
import static org.imageclustering.core.distance.KernelLayout.DOT_TILE;
import static org.imageclustering.core.distance.KernelLayout.LANE_BLOCKS;
import static org.imageclustering.core.distance.KernelLayout.LANE_CENTRES;
import static org.imageclustering.core.distance.KernelLayout.NARROW_ROWS;
import static org.imageclustering.core.distance.KernelLayout.ROW_BLOCK;
import static org.imageclustering.core.distance.KernelLayout.ROW_LANE_STEP;
import static org.imageclustering.core.distance.KernelLayout.TILE_ROWS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on SIMD lanes, by the incubating Vector API ({@code jdk.incubator.vector}). Only
 * {@link KernelProvider} names this class, and only once it has found the module, so that a JVM
 * without the module never loads a Vector API class.
 */
final class VectorKernels implements DistanceKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    VectorKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    /**
     * Partial dot products of {@code m <= ROW_BLOCK} rows (at offsets {@code off}) with all centres
     * into {@code acc[r * paddedK + c]}: feature tile by feature tile, each tile as groups of
     * {@value KernelLayout#TILE_ROWS} rows against every packed panel. A short last group repeats its last row;
     * the repeats add into the spare row {@code ROW_BLOCK} of {@code acc}, which is never read.
     */
    @Override
    public void dots(float[] x, int[] off, int m, Centers cs, float[] acc) {
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
                    PackedMicroKernels.kernelNarrow(x, o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11,
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
                        case 4 -> PackedMicroKernels.kernel4(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                        case 2 -> PackedMicroKernels.kernel2(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                        default -> PackedMicroKernels.kernel1(x, o0, o1, o2, o3, o4, o5, p, base, t0, t1, acc,
                                b0 + col, b1 + col, b2 + col, b3 + col, b4 + col, b5 + col);
                    }
                }
            }
        }
    }

    /**
     * Dot products of the {@link KernelLayout#ROW_LANE_STEP} rows from block {@code block} on with every
     * centre into {@code acc[r * stride + c]}, by the row-lane kernel: per feature, a vector of
     * rows meets a broadcast centre value. Each (row, centre) lane runs the packed kernel's float
     * FMA chain per chunk (the same operands in the same order), and the chunk sums are added in
     * chunk order from 0, so every value is bit-identical to {@link #dots}'s.
     */
    @Override
    public void rowLaneDots(float[] blocks, int block, int d, Centers cs, float[] sums, float[] acc) {
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
                RowLaneMicroKernel.rowLaneChunk(blocks, base, d, p, pass * LANE_CENTRES * d, q0, Math.min(d, q0 + CHUNK), sums, pass * perPass);
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

    /**
     * The exact-argmin rule of {@link Assignment} in vector form, one lane per row, for the {@code m}
     * rows of a row-lane step from row {@code b}: into {@code unique[r]} the only centre whose
     * approximate distance less its error bound is within the cut (then it is the nearest), or -1
     * when several are (a near tie: the scalar code decides, exactly). Each lane does the scalar
     * code's double operations in the same order, so it takes the same decisions.
     */
    @Override
    public void screenRows(float[] acc, int stride, int m, double[] xNorms, int b, Centers cs, double[] work,
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
            DoubleVector cut = best.add(best.abs().mul(NearTies.SLACK)); // NearTies.cut, lane-wise
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

    @Override
    public void fourPairDots(float[] xd, int o0, int o1, int o2, int o3, float[] cd, int p0, int p1, int p2, int p3,
                             int d, float[] lanes, double[] acc) {
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        acc[3] = 0;
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
    }

    @Override
    public void oneRowFourCentreDots(float[] xd, int xo, float[] cd, int p0, int p1, int p2, int p3, int d,
                                     float[] lanes, double[] out) {
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
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    @Override
    public double laneDot(float[] x, int xo, float[] c, int co, int d, float[] lanes) {
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

    /** Lane sum in a fixed order, then the scalar tail: the one way every lane-parallel dot product ends. */
    private static float finish(FloatVector a, float[] x, int xo, float[] c, int co, int vend, int t1,
                                float[] lanes) {
        a.intoArray(lanes, 0);
        float s = FloatChains.sumLanes(lanes);
        for (int j = vend; j < t1; j++) {
            s = Math.fma(x[xo + j], c[co + j], s);
        }
        return s;
    }
}
