package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.BLOCK_ROWS;
import static org.imageclustering.core.distance.KernelLayout.CHUNK;
import static org.imageclustering.core.distance.KernelLayout.DOT_TILE;
import static org.imageclustering.core.distance.KernelLayout.ROW_LANE_STEP;

import java.util.Arrays;

/**
 * The kernels without the Vector API, for correctness, not speed: the same float operations in
 * the same order as {@link VectorKernels}, one (row, centre) pair at a time, with {@link Math#fma}
 * for each lane's FMA, so they give the same bits. A block kernel's pair is one float FMA chain per
 * chunk, which does not depend on the lane count; the few-pair kernels' lane-parallel sums do, so
 * this class emulates {@code lanes} lanes (one float chain per lane, the lanes summed in
 * {@link FloatChains#sumLanes}'s order, then the tail).
 */
final class ScalarKernels implements DistanceKernels {
    private final int lanes;

    ScalarKernels(int lanes) {
        if (Integer.bitCount(lanes) != 1) {
            throw new IllegalArgumentException("lanes must be a power of two, was " + lanes);
        }
        this.lanes = lanes;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public void dots(float[] x, int[] off, int m, Centers cs, float[] acc) {
        int stride = cs.paddedK;
        int k = cs.k();
        int d = cs.centers.cols();
        float[] cd = cs.centers.data();
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < k; c++) {
                // a float total widened to double and back: exact
                acc[r * stride + c] = (float) FloatChains.chunkedDot(x, off[r], cd, c * d, d);
            }
        }
    }

    @Override
    public void rowLaneDots(float[] blocks, int block, int d, Centers cs, float[] sums, float[] acc) {
        int stride = cs.paddedK;
        int k = cs.k();
        float[] cd = cs.centers.data();
        int base = block * d * BLOCK_ROWS;
        for (int row = 0; row < ROW_LANE_STEP; row++) {
            // row r of block b sits at [b][feature][r]
            int o = base + (row / BLOCK_ROWS) * d * BLOCK_ROWS + row % BLOCK_ROWS;
            for (int c = 0; c < k; c++) {
                int co = c * d;
                float total = 0;
                for (int q0 = 0; q0 < d; q0 += CHUNK) {
                    int q1 = Math.min(d, q0 + CHUNK);
                    float s = 0;
                    for (int j = q0; j < q1; j++) {
                        s = Math.fma(blocks[o + j * BLOCK_ROWS], cd[co + j], s);
                    }
                    total += s;
                }
                acc[row * stride + c] = total;
            }
        }
    }

    @Override
    public void screenRows(float[] acc, int stride, int m, double[] xNorms, int b, Centers cs, double[] work,
                           int[] unique) {
        int k = cs.k();
        double gamma = cs.gamma;
        for (int r = 0; r < m; r++) {
            // one vector lane's operations: the same double expressions, Math.min as the lane min
            double nx = xNorms[b + r];
            double rx = Math.sqrt(nx);
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double a = nx + cs.norms[c] - (double) acc[r * stride + c] * 2;
                double s = rx + cs.roots[c];
                best = Math.min(best, a + s * gamma * s);
            }
            double cut = NearTies.cut(best);
            int first = -1;
            int count = 0;
            for (int c = k - 1; c >= 0; c--) {
                double a = nx + cs.norms[c] - (double) acc[r * stride + c] * 2;
                double s = rx + cs.roots[c];
                if (NearTies.isFinalist(a - s * gamma * s, cut)) {
                    first = c;
                    count++;
                }
            }
            unique[r] = count == 1 ? first : -1;
        }
    }

    @Override
    public void fourPairDots(float[] x, int o0, int o1, int o2, int o3, float[] c, int p0, int p1, int p2, int p3,
                             int d, float[] lanes, double[] out) {
        out[0] = laneDot(x, o0, c, p0, d, lanes);
        out[1] = laneDot(x, o1, c, p1, d, lanes);
        out[2] = laneDot(x, o2, c, p2, d, lanes);
        out[3] = laneDot(x, o3, c, p3, d, lanes);
    }

    @Override
    public void oneRowFourCentreDots(float[] x, int xo, float[] c, int p0, int p1, int p2, int p3, int d,
                                     float[] lanes, double[] out) {
        fourPairDots(x, xo, xo, xo, xo, c, p0, p1, p2, p3, d, lanes, out);
    }

    @Override
    public double laneDot(float[] x, int xo, float[] c, int co, int d, float[] lanes) {
        int w = this.lanes;
        double total = 0;
        for (int t0 = 0; t0 < d; t0 += DOT_TILE) {
            int t1 = Math.min(d, t0 + DOT_TILE);
            Arrays.fill(lanes, 0, w, 0f);
            int vend = t0 + ((t1 - t0) & -w); // the species' loopBound
            for (int j = t0; j < vend; j += w) {
                for (int l = 0; l < w; l++) {
                    lanes[l] = Math.fma(x[xo + j + l], c[co + j + l], lanes[l]);
                }
            }
            float s = FloatChains.sumLanes(lanes);
            for (int j = vend; j < t1; j++) {
                s = Math.fma(x[xo + j], c[co + j], s);
            }
            total += s;
        }
        return total;
    }
}
