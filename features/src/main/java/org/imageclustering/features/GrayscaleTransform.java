package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * Colour to grey by the luma of ITU-R Recommendation BT.601: {@code Y = 0.299 R + 0.587 G + 0.114 B}.
 * Grey images pass through unchanged. Learns nothing. The inverse repeats the grey value in all
 * three channels, the colour picture with exactly that luma.
 */
public final class GrayscaleTransform implements Transform {
    /** BT.601 luma weights of red, green and blue. */
    public static final double RED = 0.299;
    public static final double GREEN = 0.587;
    public static final double BLUE = 0.114;

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        return new Fitted(Rows.requireShape(train, "grayscale"));
    }

    /** Remembers the input shape so that the inverse knows whether to restore three channels. */
    static final class Fitted implements FittedTransform {
        private final ImageShape input;

        Fitted(ImageShape input) {
            this.input = input;
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireShape(data, input, "grayscale");
            if (input.channels() == 1) {
                return data;
            }
            int plane = input.height() * input.width();
            FloatMatrix out = Rows.map(data.features(), plane, parallel, () -> (in, io, o, oo) -> {
                for (int p = 0; p < plane; p++) {
                    o[oo + p] = (float) (RED * in[io + p] + GREEN * in[io + plane + p] + BLUE * in[io + 2 * plane + p]);
                }
            });
            return data.withFeatures(out, new ImageShape(1, input.height(), input.width()));
        }

        @Override
        public Optional<FloatMatrix> inverse(FloatMatrix rows) {
            if (input.channels() == 1) {
                return Optional.of(rows);
            }
            int plane = input.height() * input.width();
            if (rows.cols() != plane) {
                throw new IllegalArgumentException("grayscale output rows have " + plane + " values, got " + rows.cols());
            }
            return Optional.of(Rows.map(rows, 3 * plane, Parallelism.sequential(), () -> (in, io, o, oo) -> {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(in, io, o, oo + c * plane, plane);
                }
            }));
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "grayscale");
            s.put("input_shape", input.toString());
            s.put("weights", "ITU-R BT.601 (0.299, 0.587, 0.114)");
            return s;
        }
    }
}
