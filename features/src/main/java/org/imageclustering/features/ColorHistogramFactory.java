package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link ColorHistogramTransform} from the keys {@code bins} (8), {@code min} (0),
 * {@code max} (1) and {@code normalize} (true). Bound under the name {@code color-histogram}.
 */
public final class ColorHistogramFactory implements TransformFactory {
    public ColorHistogramFactory() {
    }

    @Override
    public ColorHistogramTransform create(Parameters params) {
        return new ColorHistogramTransform(OptionChecks.build(params, () -> new ColorHistogramOptions(
                params.integer("bins", ColorHistogramOptions.DEFAULT_BINS), params.number("min", 0),
                params.number("max", 1), params.bool("normalize", true))));
    }
}
