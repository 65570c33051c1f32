package org.imageclustering.reporting.metrics;

import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Distortion per image: {@link Distortion} divided by the number of images, so train and test
 * splits of different sizes can be compared. In {@code [0, inf)}, lower is better; NaN on an empty split.
 */
public final class MeanDistortion implements Metric {
    /** Mean distortion needs no options. */
    public MeanDistortion() {
    }

    @Override
    public double score(MetricInput input) {
        int n = input.features().rows();
        return n == 0 ? Double.NaN : Distortion.sum(input) / n;
    }
}
