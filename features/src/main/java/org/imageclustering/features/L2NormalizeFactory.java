package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/** Builds {@link L2NormalizeTransform}, which has no keys. Bound under the name {@code l2-normalize}. */
public final class L2NormalizeFactory implements TransformFactory {
    public L2NormalizeFactory() {
    }

    @Override
    public L2NormalizeTransform create(Parameters params) {
        params.requireAllUsed();
        return new L2NormalizeTransform();
    }
}
