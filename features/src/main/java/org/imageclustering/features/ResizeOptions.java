package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link ResizeTransform}.
 *
 * @param width  output width in pixels, {@code >= 1}
 * @param height output height in pixels, {@code >= 1}
 */
public record ResizeOptions(int width, int height) {
    public ResizeOptions {
        OptionChecks.atLeast("width", width, 1);
        OptionChecks.atLeast("height", height, 1);
    }

    /**
     * The options an experiment file gives under the name {@code resize}: the required keys
     * {@code width} and {@code height}.
     *
     * @throws org.imageclustering.core.OptionException naming the key for a missing or bad value or an unknown key
     */
    public static ResizeOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new ResizeOptions(params.integer("width"), params.integer("height")));
    }
}
