package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.LANES;
import static org.imageclustering.core.distance.KernelLayout.LANE_CENTRES;
import static org.imageclustering.core.distance.KernelLayout.PANEL_VECTORS;

import org.imageclustering.core.matrix.FloatMatrix;

/**
 * A centre set prepared for the block kernels: the centres, their squared norms, the feature tile
 * width and the error factor, and (built on first use) the centres packed for the SIMD
 * micro-kernels. Build one per centre update; it is immutable and shared by all worker threads.
 */
public final class Centers {
    final FloatMatrix centers;
    final double[] norms;
    final double[] roots;
    /** Centres padded to whole vectors: the stride of the kernel's partial-sum rows. */
    final int paddedK;
    final int tile;
    final double gamma;
    /** Per panel: its first centre, its width in lanes, and where its packed data starts. */
    final int[] panelColumn;
    final int[] panelWidth;
    final int[] panelOffset;
    /** The centres packed panel by panel, feature-major ({@code [j][lane]}); built on first use. */
    private volatile float[] packed;
    /** The centres row-major, padded with zero centres to whole passes of the row-lane kernel; built on first use. */
    private volatile float[] passes;

    private Centers(FloatMatrix centers) {
        this.centers = centers;
        int k = centers.rows();
        int d = centers.cols();
        this.gamma = KernelLayout.gamma(d);
        this.norms = new double[k];
        this.roots = new double[k];
        float[] cd = centers.data();
        for (int c = 0; c < k; c++) {
            norms[c] = FloatChains.chunkedDot(cd, c * d, cd, c * d, d);
            roots[c] = Math.sqrt(norms[c]);
        }
        int vectors = (k + LANES - 1) / LANES;
        this.paddedK = vectors * LANES;
        this.tile = KernelLayout.tileWidth(paddedK, d);
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

    /** Prepares {@code centers} (not copied; must not change while in use). */
    public static Centers of(FloatMatrix centers) {
        return new Centers(centers);
    }

    /** The packed centres, built once (racing threads would build identical arrays). */
    float[] packed() {
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
    float[] passes() {
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
     * norm {@code xNorm} from {@link SquaredEuclidean#squaredNorms}) and centre {@code c}:
     * bit-identical to the value the block kernel computes for the same pair (a scalar FMA chain
     * per chunk; {@code lanes} is not needed by it and kept for the callers of {@link #upperBound}).
     */
    public double approximate(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
        int d = x.cols();
        double dot = FloatChains.chunkedDot(x.data(), i * d, centers.data(), c * d, d);
        return Math.max(0, xNorm + norms[c] - 2 * dot);
    }

    /** The error bound {@code E} of the approximate distance between a row of squared norm {@code xNorm} and centre {@code c}. */
    public double error(double xNorm, int c) {
        return SquaredEuclidean.errorBound(xNorm, norms[c], gamma);
    }

    /**
     * An upper bound on the true distance between row {@code i} of {@code x} and centre {@code c}
     * (approximation + error), computed like {@link SquaredEuclidean#upperBounds} (lane-parallel
     * sums, not the block kernel's order, so not necessarily {@link #approximate} + {@link #error}).
     */
    public double upperBound(FloatMatrix x, int i, double xNorm, int c, float[] lanes) {
        int d = x.cols();
        double dot = KernelProvider.KERNELS.laneDot(x.data(), i * d, centers.data(), c * d, d, lanes);
        return xNorm + norms[c] - 2 * dot + SquaredEuclidean.errorBound(xNorm, norms[c], gamma);
    }
}
