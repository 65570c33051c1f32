package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.io.Bilinear;

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

    /** The resize for one input shape. */
    static final class Fitted implements FittedTransform {
        private final ImageShape input;
        private final ImageShape output;

        Fitted(ImageShape input, ResizeOptions options) {
            this.input = input;
            this.output = new ImageShape(input.channels(), options.height(), options.width());
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
                    // the same resampling the image-folder loader uses, so both resize alike
                    Bilinear.resize(in, io + ch * ih * iw, iw, ih, o, oo + ch * oh * ow, ow, oh);
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
