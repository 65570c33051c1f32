package org.imageclustering.features;

import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link ColorHistogramTransform}.
 *
 * @param bins      bins per channel, in [2, 64]; a colour image gets {@code bins^3} joint bins
 * @param min       the value at the lower edge of the first bin
 * @param max       the value at the upper edge of the last bin, {@code > min}; values outside are clamped
 * @param normalize divide the counts by the number of pixels (fractions that sum to 1)
 */
public record ColorHistogramOptions(int bins, double min, double max, boolean normalize) {
    public static final int DEFAULT_BINS = 8;

    public ColorHistogramOptions {
        OptionChecks.atLeast("bins", bins, 2);
        if (bins > 64) {
            throw new OptionException("bins", "must be <= 64 (64^3 joint bins already), was " + bins);
        }
        if (!Double.isFinite(min)) {
            throw new OptionException("min", "must be a finite number, was " + min);
        }
        if (!Double.isFinite(max) || !(max > min)) {
            throw new OptionException("max", "must be a finite number > min (" + min + "), was " + max);
        }
    }

    /**
     * The options an experiment file gives under the name {@code color-histogram}: the keys
     * {@code bins} (8), {@code min} (0), {@code max} (1) and {@code normalize} (true).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static ColorHistogramOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new ColorHistogramOptions(
                params.integer("bins", DEFAULT_BINS), params.number("min", 0),
                params.number("max", 1), params.bool("normalize", true)));
    }
}
