package org.imageclustering.features;

import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link StandardizeTransform}.
 *
 * @param withMean subtract each feature's training mean
 * @param withStd  divide by each feature's training standard deviation (population, as scikit-learn)
 */
public record StandardizeOptions(boolean withMean, boolean withStd) {
    public StandardizeOptions {
        if (!withMean && !withStd) {
            throw new OptionException("with-std", "with-mean and with-std are both false: standardize would do nothing");
        }
    }

    /**
     * The options an experiment file gives under the name {@code standardize}: the keys
     * {@code with-mean} (true) and {@code with-std} (true).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static StandardizeOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new StandardizeOptions(
                params.bool("with-mean", true), params.bool("with-std", true)));
    }
}
