package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link StandardizeTransform} from the keys {@code with-mean} (true) and {@code with-std}
 * (true). Bound under the name {@code standardize}.
 */
public final class StandardizeFactory implements TransformFactory {
    public StandardizeFactory() {
    }

    @Override
    public StandardizeTransform create(Parameters params) {
        return new StandardizeTransform(OptionChecks.build(params, () -> new StandardizeOptions(
                params.bool("with-mean", true), params.bool("with-std", true))));
    }
}
