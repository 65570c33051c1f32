package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * Histograms of oriented gradients (Dalal and Triggs 2005): centred {@code [-1, 0, 1]} gradients
 * (for colour, at each pixel the channel with the largest gradient), magnitude-weighted votes into
 * orientation bins of {@code cell-size} square cells with trilinear interpolation (between the two
 * nearest bins and the four nearest cell centres), then overlapping blocks of
 * {@code block-size x block-size} cells, each normalised on its own.
 *
 * <p>The default cell size comes from the input shape ({@link HogOptions#cellSizeFor}); the size
 * used is in the {@link FittedTransform#summary} ({@code cell_size}, {@code cell_size_from}) and
 * so in every run's record. Cells cover the image from the top-left corner; pixels right of or below the last whole cell
 * are ignored. Learns only the input shape; the output is not invertible (and has no image shape).
 * The paper's Gaussian block window and gamma correction are omitted; its results show neither
 * matters much once blocks are normalised.
 *
 * <p>Reference: N. Dalal and B. Triggs, Histograms of oriented gradients for human detection,
 * CVPR 2005.
 */
public final class HogTransform implements Transform {
    /** Keeps the normalisation finite on flat blocks (scikit-image's choice). */
    static final double EPSILON = 1e-5;

    private static final Logger LOG = LogManager.getLogger(HogTransform.class);

    private final HogOptions options;

    public HogTransform(HogOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        ImageShape shape = Rows.requireShape(train, "hog");
        HogOptions resolved = options.forImage(shape.height(), shape.width());
        if (resolved != options) {
            LOG.info("hog: cell-size {} chosen for {} x {} images", resolved.cellSize(), shape.height(), shape.width());
        }
        return new Fitted(shape, resolved, resolved != options);
    }

    /** The geometry of the descriptor for one input shape. */
    static final class Fitted implements FittedTransform {
        private final ImageShape input;
        private final HogOptions options;
        private final boolean cellSizeFromShape;
        private final int cellsX;
        private final int cellsY;
        private final int blocksX;
        private final int blocksY;
        private final int features;

        Fitted(ImageShape input, HogOptions options) {
            this(input, options, false);
        }

        /** {@code options} with a concrete cell size; {@code cellSizeFromShape} when it was chosen automatically. */
        Fitted(ImageShape input, HogOptions options, boolean cellSizeFromShape) {
            this.input = input;
            this.options = options;
            this.cellSizeFromShape = cellSizeFromShape;
            cellsX = input.width() / options.cellSize();
            cellsY = input.height() / options.cellSize();
            if (cellsX < options.blockSize() || cellsY < options.blockSize()) {
                throw new IllegalArgumentException("hog: a " + input.height() + " x " + input.width() + " image has "
                        + cellsY + " x " + cellsX + " cells of cell-size " + options.cellSize()
                        + ", fewer than one block of block-size " + options.blockSize()
                        + "; use a smaller cell-size or block-size");
            }
            blocksX = cellsX - options.blockSize() + 1;
            blocksY = cellsY - options.blockSize() + 1;
            features = blocksX * blocksY * options.blockSize() * options.blockSize() * options.orientations();
        }

        int features() {
            return features;
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireShape(data, input, "hog");
            FloatMatrix out = Rows.map(data.features(), features, parallel, () -> {
                float[] magnitude = new float[input.height() * input.width()];
                float[] angle = new float[magnitude.length];
                double[] hist = new double[cellsY * cellsX * options.orientations()];
                return (in, io, o, oo) -> describe(in, io, o, oo, magnitude, angle, hist);
            });
            return data.withFeatures(out, null);
        }

        private void describe(float[] in, int io, float[] out, int oo, float[] magnitude, float[] angle,
                              double[] hist) {
            gradients(in, io, magnitude, angle);
            java.util.Arrays.fill(hist, 0);
            int w = input.width();
            int cs = options.cellSize();
            int bins = options.orientations();
            double range = options.signed() ? 2 * Math.PI : Math.PI;
            double binWidth = range / bins;
            for (int y = 0; y < cellsY * cs; y++) {
                double cy = (y + 0.5) / cs - 0.5;
                int y0 = (int) Math.floor(cy);
                double fy = cy - y0;
                for (int x = 0; x < cellsX * cs; x++) {
                    float m = magnitude[y * w + x];
                    if (m == 0) {
                        continue;
                    }
                    double cx = (x + 0.5) / cs - 0.5;
                    int x0 = (int) Math.floor(cx);
                    double fx = cx - x0;
                    double t = angle[y * w + x] / binWidth - 0.5;
                    int b0 = (int) Math.floor(t);
                    double fb = t - b0;
                    int b1 = Math.floorMod(b0 + 1, bins);
                    b0 = Math.floorMod(b0, bins);
                    for (int dy = 0; dy < 2; dy++) {
                        int ycell = y0 + dy;
                        if (ycell < 0 || ycell >= cellsY) {
                            continue;
                        }
                        double wyy = dy == 0 ? 1 - fy : fy;
                        for (int dx = 0; dx < 2; dx++) {
                            int xcell = x0 + dx;
                            if (xcell < 0 || xcell >= cellsX) {
                                continue;
                            }
                            double v = m * wyy * (dx == 0 ? 1 - fx : fx);
                            int base = (ycell * cellsX + xcell) * bins;
                            hist[base + b0] += v * (1 - fb);
                            hist[base + b1] += v * fb;
                        }
                    }
                }
            }
            int bs = options.blockSize();
            int blockLength = bs * bs * bins;
            int o = oo;
            for (int by = 0; by < blocksY; by++) {
                for (int bx = 0; bx < blocksX; bx++) {
                    int start = o;
                    for (int cy = by; cy < by + bs; cy++) {
                        for (int cx = bx; cx < bx + bs; cx++) {
                            int base = (cy * cellsX + cx) * bins;
                            for (int b = 0; b < bins; b++) {
                                out[o++] = (float) hist[base + b];
                            }
                        }
                    }
                    normalise(out, start, blockLength);
                }
            }
        }

        /** Gradient magnitude and orientation per pixel, borders by replicating the edge pixel. */
        private void gradients(float[] in, int io, float[] magnitude, float[] angle) {
            int h = input.height();
            int w = input.width();
            int plane = h * w;
            boolean signed = options.signed();
            for (int y = 0; y < h; y++) {
                int up = Math.max(0, y - 1);
                int down = Math.min(h - 1, y + 1);
                for (int x = 0; x < w; x++) {
                    int left = Math.max(0, x - 1);
                    int right = Math.min(w - 1, x + 1);
                    double bestGx = 0;
                    double bestGy = 0;
                    double best = -1;
                    for (int c = 0; c < input.channels(); c++) {
                        int b = io + c * plane;
                        double gx = in[b + y * w + right] - in[b + y * w + left];
                        double gy = in[b + down * w + x] - in[b + up * w + x];
                        double m2 = gx * gx + gy * gy;
                        if (m2 > best) {
                            best = m2;
                            bestGx = gx;
                            bestGy = gy;
                        }
                    }
                    magnitude[y * w + x] = (float) Math.sqrt(best);
                    double a = Math.atan2(bestGy, bestGx);
                    if (signed) {
                        a = a < 0 ? a + 2 * Math.PI : a;
                    } else {
                        a = a < 0 ? a + Math.PI : a;
                        a = a >= Math.PI ? a - Math.PI : a;
                    }
                    angle[y * w + x] = (float) a;
                }
            }
        }

        private void normalise(float[] v, int start, int length) {
            switch (options.blockNorm()) {
                case L1 -> scale(v, start, length, 1 / (l1(v, start, length) + EPSILON));
                case L1_SQRT -> {
                    scale(v, start, length, 1 / (l1(v, start, length) + EPSILON));
                    for (int i = start; i < start + length; i++) {
                        v[i] = (float) Math.sqrt(v[i]);
                    }
                }
                case L2 -> scale(v, start, length, 1 / Math.sqrt(l2Squared(v, start, length) + EPSILON * EPSILON));
                case L2_HYS -> {
                    scale(v, start, length, 1 / Math.sqrt(l2Squared(v, start, length) + EPSILON * EPSILON));
                    float clip = (float) options.clip();
                    for (int i = start; i < start + length; i++) {
                        v[i] = Math.min(v[i], clip);
                    }
                    scale(v, start, length, 1 / Math.sqrt(l2Squared(v, start, length) + EPSILON * EPSILON));
                }
                default -> throw new IllegalStateException(options.blockNorm().toString());
            }
        }

        private static double l1(float[] v, int start, int length) {
            double s = 0;
            for (int i = start; i < start + length; i++) {
                s += Math.abs(v[i]);
            }
            return s;
        }

        private static double l2Squared(float[] v, int start, int length) {
            double s = 0;
            for (int i = start; i < start + length; i++) {
                s += (double) v[i] * v[i];
            }
            return s;
        }

        private static void scale(float[] v, int start, int length, double factor) {
            for (int i = start; i < start + length; i++) {
                v[i] = (float) (v[i] * factor);
            }
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "hog");
            s.put("input_shape", input.toString());
            s.put("cell_size", options.cellSize());
            s.put("cell_size_from", cellSizeFromShape ? "input shape" : "settings");
            s.put("block_size", options.blockSize());
            s.put("cells", cellsY + "x" + cellsX);
            s.put("blocks", blocksY + "x" + blocksX);
            s.put("orientations", options.orientations());
            s.put("signed", options.signed());
            s.put("block_norm", options.blockNorm().yamlName());
            s.put("features", features);
            return s;
        }
    }
}
