package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.BLOCK_ROWS;
import static org.imageclustering.core.distance.KernelLayout.LANE_BLOCKS;
import static org.imageclustering.core.distance.KernelLayout.LANE_CENTRES;
import static org.imageclustering.core.distance.KernelLayout.ROW_BLOCK;
import static org.imageclustering.core.distance.KernelLayout.ROW_LANE_MAX_K;
import static org.imageclustering.core.distance.KernelLayout.ROW_LANE_STEP;

import org.imageclustering.core.matrix.FloatMatrix;

/**
 * The block kernels around the dot products: the nearest-centre rule of the package comment
 * (approximate distances, error bounds, exact comparison of near ties) and the bounds accelerated
 * k-means keeps, for a block of rows at a time. The dot products come from the given
 * {@link DistanceKernels}, called once per block of rows.
 */
final class Assignment {
    private Assignment() {
    }

    /**
     * For each row {@code i} in {@code rows[start..end)} (or in {@code [start, end)} when {@code rows}
     * is null) writes the nearest centre into {@code labels[i]} and the clamped approximate squared
     * distance to it into {@code dist[i]} (when not null); by the row-lane kernel when
     * {@code blocks} is given, {@code rows} is null, there are at most {@value KernelLayout#ROW_LANE_MAX_K}
     * centres and {@code start} is a multiple of the row-lane step. The bounds ({@code upper},
     * {@code lower}, {@code lowerAll}, {@code lowerShift}) are written when not null, as
     * {@link SquaredEuclidean}'s assignment methods describe. Returns the number of exact distance
     * evaluations spent on near ties.
     */
    static long assign(DistanceKernels kernels, FloatMatrix x, RowBlocks blocks, double[] xNorms, int[] rows,
                       int start, int end, Centers centers, int[] labels, double[] dist, double[] upper,
                       double[] lower, double[] lowerAll, double[] lowerShift) {
        SquaredEuclidean.requireSameWidth(x, centers.centers);
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
                kernels.rowLaneDots(blocks.data, b / BLOCK_ROWS, d, centers, laneSums, acc);
                if (screen) {
                    kernels.screenRows(acc, stride, m, xNorms, b, centers, screenWork, unique);
                }
            } else {
                kernels.dots(xd, off, m, centers, acc);
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
                double cut = NearTies.cut(bestUpper);
                int first = -1;
                int candidates = 0;
                for (int c = 0; c < k; c++) {
                    double s = rx + cr[c];
                    if (NearTies.isFinalist(dist0[c] - gamma * s * s, cut)) {
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
                        if (NearTies.isFinalist(dist0[c] - gamma * s * s, cut)) {
                            double e = SquaredEuclidean.distance(xd, off[r], cd, c * d, d);
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

    /** {@link SquaredEuclidean#block(FloatMatrix, double[], int, int, Centers, double[])} by {@code kernels}. */
    static void block(DistanceKernels kernels, FloatMatrix x, double[] xNorms, int start, int end, Centers centers,
                      double[] out) {
        SquaredEuclidean.requireSameWidth(x, centers.centers);
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
            kernels.dots(x.data(), off, m, centers, acc);
            for (int r = 0; r < m; r++) {
                double nx = xNorms[b + r];
                int o = (b + r - start) * k;
                for (int c = 0; c < k; c++) {
                    out[o + c] = Math.max(0, nx + centers.norms[c] - 2 * (double) acc[r * stride + c]);
                }
            }
        }
    }

    /** {@link SquaredEuclidean#upperBounds} by {@code kernels}: four (row, own centre) pairs per kernel call. */
    static void upperBounds(DistanceKernels kernels, FloatMatrix x, double[] xNorms, int[] rows, int start, int end,
                            Centers centers, int[] own, double[] upper) {
        SquaredEuclidean.requireSameWidth(x, centers.centers);
        int d = x.cols();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        float[] lanes = new float[KernelLayout.LANES];
        double[] acc = new double[4];
        int[] idx = new int[4];
        for (int b = start; b < end; b += 4) {
            int m = Math.min(4, end - b);
            for (int r = 0; r < 4; r++) {
                idx[r] = rows[b + Math.min(r, m - 1)];
            }
            kernels.fourPairDots(xd, idx[0] * d, idx[1] * d, idx[2] * d, idx[3] * d,
                    cd, own[idx[0]] * d, own[idx[1]] * d, own[idx[2]] * d, own[idx[3]] * d, d, lanes, acc);
            for (int r = 0; r < m; r++) {
                int i = idx[r];
                int c = own[i];
                double a = xNorms[i] + centers.norms[c] - 2 * acc[r];
                upper[i] = Math.sqrt(Math.max(0, a + SquaredEuclidean.errorBound(xNorms[i], centers.norms[c], centers.gamma)));
            }
        }
    }

    /** {@link SquaredEuclidean#approximateMany} by {@code kernels}: four centres per kernel call. */
    static void approximateMany(DistanceKernels kernels, FloatMatrix x, int i, double xNorm, Centers centers,
                                int[] candidates, int m, double[] out, float[] lanes) {
        int d = x.cols();
        float[] xd = x.data();
        float[] cd = centers.centers.data();
        int xo = i * d;
        double[] s = new double[4];
        for (int b = 0; b < m; b += 4) {
            int n = Math.min(4, m - b);
            int p0 = candidates[b] * d;
            int p1 = candidates[b + Math.min(1, n - 1)] * d;
            int p2 = candidates[b + Math.min(2, n - 1)] * d;
            int p3 = candidates[b + Math.min(3, n - 1)] * d;
            kernels.oneRowFourCentreDots(xd, xo, cd, p0, p1, p2, p3, d, lanes, s);
            for (int r = 0; r < n; r++) {
                out[b + r] = xNorm + centers.norms[candidates[b + r]] - 2 * s[r];
            }
        }
    }
}
