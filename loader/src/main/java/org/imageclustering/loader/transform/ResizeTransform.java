package org.imageclustering.loader.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parallelism;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.ImageShape;

/**
 * Bilinear resampling of every channel to {@code width x height}, with pixel centres aligned
 * (output pixel {@code x} samples the input at {@code (x + 0.5) * inWidth / outWidth - 0.5}, clamped
 * to the border), the convention of OpenCV's {@code INTER_LINEAR}. Halving a size averages 2 x 2
 * blocks exactly; shrinking by more than two skips pixels (no anti-aliasing filter). Learns nothing
 * but the input shape; the inverse is not offered because detail lost by shrinking cannot be restored,
 * and resized rows are pictures that can be drawn as they are.
 */
public final class ResizeTransform implements Transform {
    private final ResizeOptions options;

    public ResizeTransform(ResizeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        return new Fitted(Rows.requireShape(train, "resize"), options);
    }

    /** Precomputed sampling positions for one input shape. */
    static final class Fitted implements FittedTransform {
        private final ImageShape input;
        private final ImageShape output;
        private final int[] x0;
        private final float[] wx;
        private final int[] y0;
        private final float[] wy;

        Fitted(ImageShape input, ResizeOptions options) {
            this.input = input;
            this.output = new ImageShape(input.channels(), options.height(), options.width());
            x0 = new int[options.width()];
            wx = new float[options.width()];
            y0 = new int[options.height()];
            wy = new float[options.height()];
            positions(input.width(), options.width(), x0, wx);
            positions(input.height(), options.height(), y0, wy);
        }

        /** Left source index and weight of the right neighbour for every output position. */
        private static void positions(int in, int out, int[] start, float[] weight) {
            double ratio = (double) in / out;
            for (int o = 0; o < out; o++) {
                double src = Math.min(in - 1, Math.max(0, (o + 0.5) * ratio - 0.5));
                int s = Math.min((int) Math.floor(src), in - 1);
                start[o] = s;
                weight[o] = (float) (src - s);
            }
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireShape(data, input, "resize");
            int c = input.channels();
            int ih = input.height();
            int iw = input.width();
            int oh = output.height();
            int ow = output.width();
            FloatMatrix out = Rows.map(data.features(), output.size(), parallel, () -> (in, io, o, oo) -> {
                for (int ch = 0; ch < c; ch++) {
                    int ib = io + ch * ih * iw;
                    int ob = oo + ch * oh * ow;
                    for (int y = 0; y < oh; y++) {
                        int ya = y0[y];
                        int yb = Math.min(ya + 1, ih - 1);
                        float fy = wy[y];
                        for (int x = 0; x < ow; x++) {
                            int xa = x0[x];
                            int xb = Math.min(xa + 1, iw - 1);
                            float fx = wx[x];
                            float top = in[ib + ya * iw + xa] * (1 - fx) + in[ib + ya * iw + xb] * fx;
                            float bottom = in[ib + yb * iw + xa] * (1 - fx) + in[ib + yb * iw + xb] * fx;
                            o[ob + y * ow + x] = top * (1 - fy) + bottom * fy;
                        }
                    }
                }
            });
            return data.withFeatures(out, output);
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "resize");
            s.put("input_shape", input.toString());
            s.put("output_shape", output.toString());
            return s;
        }
    }
}
