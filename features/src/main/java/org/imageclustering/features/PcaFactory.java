package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link PcaTransform} from the keys {@code components} or {@code variance}, {@code whiten}
 * (false), {@code whiten-epsilon} (0), {@code method} (auto), {@code oversampling} (10) and
 * {@code power-iterations} (2). Bound under the name {@code pca}.
 */
public final class PcaFactory implements TransformFactory {
    public PcaFactory() {
    }

    @Override
    public PcaTransform create(Parameters params) {
        return new PcaTransform(OptionChecks.build(params, () -> new PcaOptions(
                params.integer("components", 0),
                params.number("variance", 0),
                params.bool("whiten", false),
                params.number("whiten-epsilon", 0),
                params.choice("method", PcaMethod.AUTO, PcaMethod::fromName),
                params.integer("oversampling", PcaOptions.DEFAULT_OVERSAMPLING),
                params.integer("power-iterations", PcaOptions.DEFAULT_POWER_ITERATIONS))));
    }
}
