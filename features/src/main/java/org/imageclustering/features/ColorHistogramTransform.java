package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * The joint colour histogram of each image: every pixel falls into one of {@code bins^3} cells
 * of RGB space (bin index {@code (r * bins + g) * bins + b}), counted or as fractions of the pixels
 * (Swain and Ballard, Color indexing, IJCV 1991). A grey image gets an intensity histogram of
 * {@code bins} cells. Ignores where colours are, so it groups images by palette, not by shape.
 * Learns only the input shape; not invertible.
 */
public final class ColorHistogramTransform implements Transform {
    private final ColorHistogramOptions options;

    public ColorHistogramTransform(ColorHistogramOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        return new Fitted(Rows.requireShape(train, "color-histogram"), options);
    }

    /** Bins for one input shape. */
    static final class Fitted implements FittedTransform {
        private final ImageShape input;
        private final ColorHistogramOptions options;
        private final int cells;

        Fitted(ImageShape input, ColorHistogramOptions options) {
            this.input = input;
            this.options = options;
            int b = options.bins();
            cells = input.channels() == 3 ? b * b * b : b;
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireShape(data, input, "color-histogram");
            int plane = input.height() * input.width();
            int bins = options.bins();
            double lo = options.min();
            double perBin = bins / (options.max() - options.min());
            float unit = options.normalize() ? 1f / plane : 1f;
            boolean colour = input.channels() == 3;
            FloatMatrix out = Rows.map(data.features(), cells, parallel, () -> (in, io, o, oo) -> {
                for (int p = 0; p < plane; p++) {
                    int cell = bin(in[io + p], lo, perBin, bins);
                    if (colour) {
                        cell = (cell * bins + bin(in[io + plane + p], lo, perBin, bins)) * bins
                                + bin(in[io + 2 * plane + p], lo, perBin, bins);
                    }
                    o[oo + cell] += unit;
                }
            });
            return data.withFeatures(out, null);
        }

        private static int bin(float v, double lo, double perBin, int bins) {
            int b = (int) Math.floor((v - lo) * perBin);
            return Math.max(0, Math.min(bins - 1, b));
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "color-histogram");
            s.put("input_shape", input.toString());
            s.put("bins_per_channel", options.bins());
            s.put("features", cells);
            s.put("normalized", options.normalize());
            return s;
        }
    }
}
