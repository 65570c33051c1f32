package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link PatchKMeansFeaturesTransform} from the keys {@code patch-size} (6), {@code stride}
 * ({@code auto}: from the input shape, see {@link PatchFeaturesOptions#strideFor}; or a number of pixels),
 * {@code dictionary-size} (128), {@code patches} (50000), {@code contrast-epsilon} (10/255^2),
 * {@code whitening-epsilon} (0.1) and {@code kmeans-iterations} (30). Bound under the name
 * {@code patch-kmeans-features}.
 */
public final class PatchKMeansFeaturesFactory implements TransformFactory {
    public PatchKMeansFeaturesFactory() {
    }

    @Override
    public PatchKMeansFeaturesTransform create(Parameters params) {
        return new PatchKMeansFeaturesTransform(OptionChecks.build(params, () -> new PatchFeaturesOptions(
                params.integer("patch-size", PatchFeaturesOptions.DEFAULT_PATCH_SIZE),
                stride(params),
                params.integer("dictionary-size", PatchFeaturesOptions.DEFAULT_DICTIONARY_SIZE),
                params.integer("patches", PatchFeaturesOptions.DEFAULT_PATCHES),
                params.number("contrast-epsilon", PatchFeaturesOptions.DEFAULT_CONTRAST_EPSILON),
                params.number("whitening-epsilon", PatchFeaturesOptions.DEFAULT_WHITENING_EPSILON),
                params.integer("kmeans-iterations", PatchFeaturesOptions.DEFAULT_KMEANS_ITERATIONS))));
    }

    /** {@code stride}: a number of pixels, or {@code auto} (the default) for one chosen from the input shape. */
    private static int stride(Parameters params) {
        if (params.has("stride") && params.raw("stride") instanceof String s && s.trim().equalsIgnoreCase("auto")) {
            return PatchFeaturesOptions.AUTO_STRIDE;
        }
        return params.integer("stride", PatchFeaturesOptions.DEFAULT_STRIDE);
    }
}
