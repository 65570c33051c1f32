package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * Min-max scaling: maps the training range of the values (one range, or one per feature) linearly
 * onto {@code [min, max]}, default {@code [0, 1]}; test values outside the training range land
 * outside the target range, as they should. Keeps the image shape; exactly invertible.
 * A constant feature (zero range) is shifted but not stretched, as scikit-learn's MinMaxScaler does.
 */
public final class ScaleTransform implements Transform {
    private final ScaleOptions options;

    public ScaleTransform(ScaleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        FloatMatrix x = train.features();
        x.requireFinite(train.name());
        int d = x.cols();
        int ranges = options.perFeature() ? d : 1;
        double[] lo = new double[ranges];
        double[] hi = new double[ranges];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        float[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            int r = options.perFeature() ? i % d : 0;
            lo[r] = Math.min(lo[r], data[i]);
            hi[r] = Math.max(hi[r], data[i]);
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("scale needs training values, " + train.name() + " is empty");
        }
        double[] mul = new double[d];
        double[] lower = new double[d];
        for (int j = 0; j < d; j++) {
            int r = options.perFeature() ? j : 0;
            double range = hi[r] - lo[r];
            mul[j] = range > 0 ? (options.max() - options.min()) / range : 1;
            lower[j] = lo[r];
        }
        return new Fitted(options, lower, mul, lo, hi);
    }

    /** Learned ranges: {@code y = (x - lower) * mul + min}. */
    static final class Fitted implements FittedTransform {
        private final ScaleOptions options;
        private final double[] lower;
        private final double[] mul;
        private final double[] lo;
        private final double[] hi;

        Fitted(ScaleOptions options, double[] lower, double[] mul, double[] lo, double[] hi) {
            this.options = options;
            this.lower = lower;
            this.mul = mul;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireWidth(data, lower.length, "scale");
            int d = lower.length;
            double min = options.min();
            FloatMatrix out = Rows.map(data.features(), d, parallel, () -> (in, io, o, oo) -> {
                for (int j = 0; j < d; j++) {
                    o[oo + j] = (float) ((in[io + j] - lower[j]) * mul[j] + min);
                }
            });
            return data.withFeatures(out, data.shape());
        }

        @Override
        public Optional<FloatMatrix> inverse(FloatMatrix rows) {
            int d = lower.length;
            if (rows.cols() != d) {
                throw new IllegalArgumentException("scale works on rows of " + d + " values, got " + rows.cols());
            }
            double min = options.min();
            return Optional.of(Rows.map(rows, d, Parallelism.sequential(), () -> (in, io, o, oo) -> {
                for (int j = 0; j < d; j++) {
                    o[oo + j] = (float) ((in[io + j] - min) / mul[j] + lower[j]);
                }
            }));
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "scale");
            s.put("target_min", options.min());
            s.put("target_max", options.max());
            s.put("per_feature", options.perFeature());
            if (!options.perFeature()) {
                s.put("train_min", lo[0]);
                s.put("train_max", hi[0]);
            } else {
                // ranges rather than every value: a run record should stay small at 3,072 features
                s.put("train_min_lowest", java.util.Arrays.stream(lo).min().orElse(0));
                s.put("train_max_highest", java.util.Arrays.stream(hi).max().orElse(0));
            }
            return s;
        }
    }
}
