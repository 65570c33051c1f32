package org.imageclustering.features;

import java.util.Map;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * Scales every row to unit Euclidean length, so that squared distances become {@code 2 - 2 cos}:
 * k-means on the result is spherical k-means up to the centroid norm. An all-zero row stays zero.
 * Learns nothing; not invertible (the length is lost). Pixel rows keep their image shape: the
 * picture is the same, only dimmer or brighter.
 */
public final class L2NormalizeTransform implements Transform {
    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        return new FittedTransform() {
            @Override
            public Dataset apply(Dataset data) {
                return apply(data, Parallelism.sequential());
            }

            @Override
            public Dataset apply(Dataset data, Parallelism parallel) {
                return data.withFeatures(normalize(data.features(), parallel), data.shape());
            }

            @Override
            public Map<String, Object> summary() {
                return Map.of("transform", "l2-normalize");
            }
        };
    }

    static FloatMatrix normalize(FloatMatrix x, Parallelism parallel) {
        int d = x.cols();
        return Rows.map(x, d, parallel, () -> (in, io, o, oo) -> {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) in[io + j] * in[io + j];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int j = 0; j < d; j++) {
                o[oo + j] = (float) (in[io + j] * inv);
            }
        });
    }
}
