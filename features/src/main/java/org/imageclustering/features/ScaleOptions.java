package org.imageclustering.features;

import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link ScaleTransform}.
 *
 * @param min        the value the training minimum maps to
 * @param max        the value the training maximum maps to, {@code > min}
 * @param perFeature learn a minimum and maximum per feature instead of one for all values (one
 *                   range keeps the relative brightness of pixels, which images usually want)
 */
public record ScaleOptions(double min, double max, boolean perFeature) {
    public ScaleOptions {
        if (!Double.isFinite(min)) {
            throw new OptionException("min", "must be a finite number, was " + min);
        }
        if (!Double.isFinite(max) || !(max > min)) {
            throw new OptionException("max", "must be a finite number > min (" + min + "), was " + max);
        }
    }

    /** To [0, 1] with one range for all features. */
    public static ScaleOptions unit() {
        return new ScaleOptions(0, 1, false);
    }

    /**
     * The options an experiment file gives under the name {@code scale}: the keys {@code min} (0),
     * {@code max} (1) and {@code per-feature} (false).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static ScaleOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new ScaleOptions(
                params.number("min", 0), params.number("max", 1), params.bool("per-feature", false)));
    }
}
