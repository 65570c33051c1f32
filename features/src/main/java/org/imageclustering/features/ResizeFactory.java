package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link ResizeTransform} from the required keys {@code width} and {@code height}.
 * Bound under the name {@code resize}.
 */
public final class ResizeFactory implements TransformFactory {
    public ResizeFactory() {
    }

    @Override
    public ResizeTransform create(Parameters params) {
        return new ResizeTransform(OptionChecks.build(params, () -> new ResizeOptions(
                params.integer("width"), params.integer("height"))));
    }
}
