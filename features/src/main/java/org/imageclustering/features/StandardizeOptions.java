package org.imageclustering.features;

import org.imageclustering.core.OptionException;

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
}
