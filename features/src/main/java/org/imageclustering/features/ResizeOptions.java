package org.imageclustering.features;

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
}
