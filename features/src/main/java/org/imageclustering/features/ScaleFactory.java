package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link ScaleTransform} from the keys {@code min} (0), {@code max} (1) and
 * {@code per-feature} (false). Bound under the name {@code scale}.
 */
public final class ScaleFactory implements TransformFactory {
    public ScaleFactory() {
    }

    @Override
    public ScaleTransform create(Parameters params) {
        return new ScaleTransform(OptionChecks.build(params, () -> new ScaleOptions(
                params.number("min", 0), params.number("max", 1), params.bool("per-feature", false))));
    }
}
