package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/** Builds {@link GrayscaleTransform}, which has no keys. Bound under the name {@code grayscale}. */
public final class GrayscaleFactory implements TransformFactory {
    public GrayscaleFactory() {
    }

    @Override
    public GrayscaleTransform create(Parameters params) {
        params.requireAllUsed();
        return new GrayscaleTransform();
    }
}
