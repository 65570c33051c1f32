package org.imageclustering.features;

import java.util.Objects;
import java.util.function.Supplier;
import org.imageclustering.core.Parameters;

/**
 * Builds a {@link Transform} from the settings an experiment file gives it. Bound under a YAML name;
 * a built-in transform's factory is its options record's {@code from}, e.g.
 * {@code params -> new PcaTransform(PcaOptions.from(params))}.
 */
@FunctionalInterface
public interface TransformFactory {
    Transform create(Parameters params);

    /** The factory of a transform that has no settings: any key given is refused as unknown. */
    static TransformFactory withoutKeys(Supplier<? extends Transform> transform) {
        Objects.requireNonNull(transform, "transform");
        return params -> {
            params.requireAllUsed();
            return transform.get();
        };
    }
}
