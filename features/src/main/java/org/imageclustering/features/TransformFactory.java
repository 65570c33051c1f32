package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/** Builds a {@link Transform} from the settings an experiment file gives it. Bound under a YAML name. */
@FunctionalInterface
public interface TransformFactory {
    Transform create(Parameters params);
}
