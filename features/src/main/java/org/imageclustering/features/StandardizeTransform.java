package org.imageclustering.features;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.linalg.ColumnMoments;
import org.imageclustering.loader.Dataset;

/**
 * Per-feature standardisation: subtract the training mean and divide by the training standard
 * deviation of each feature, so that every feature weighs alike in a Euclidean distance. A constant
 * feature keeps unit scale (scikit-learn's StandardScaler convention). Keeps the image layout;
 * exactly invertible.
 */
public final class StandardizeTransform implements Transform {
    private final StandardizeOptions options;

    public StandardizeTransform(StandardizeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public FittedTransform fit(Dataset train, FitContext context) {
        FloatMatrix x = train.features();
        x.requireFinite(train.name());
        if (x.rows() < 1) {
            throw new IllegalArgumentException("standardize needs training rows, " + train.name() + " is empty");
        }
        ColumnMoments m = ColumnMoments.of(x, context.parallel());
        int d = x.cols();
        double[] mean = options.withMean() ? m.mean() : new double[d];
        double[] sd = new double[d];
        double[] var = m.populationVariances();
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(var[j]);
            sd[j] = options.withStd() && s > 0 ? s : 1;
        }
        return new Fitted(mean, sd, var);
    }

    /** Learned means and scales: {@code y = (x - mean) / sd}. */
    static final class Fitted implements FittedTransform {
        private final double[] mean;
        private final double[] sd;
        private final double[] variance;

        Fitted(double[] mean, double[] sd, double[] variance) {
            this.mean = mean;
            this.sd = sd;
            this.variance = variance;
        }

        double[] mean() {
            return mean.clone();
        }

        double[] scale() {
            return sd.clone();
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireWidth(data, mean.length, "standardize");
            int d = mean.length;
            FloatMatrix out = Rows.map(data.features(), d, parallel, () -> (in, io, o, oo) -> {
                for (int j = 0; j < d; j++) {
                    o[oo + j] = (float) ((in[io + j] - mean[j]) / sd[j]);
                }
            });
            return data.withFeatures(out, data.shape());
        }

        @Override
        public Optional<FloatMatrix> inverse(FloatMatrix rows) {
            int d = mean.length;
            if (rows.cols() != d) {
                throw new IllegalArgumentException("standardize works on rows of " + d + " values, got "
                        + rows.cols());
            }
            return Optional.of(Rows.map(rows, d, Parallelism.sequential(), () -> (in, io, o, oo) -> {
                for (int j = 0; j < d; j++) {
                    o[oo + j] = (float) (in[io + j] * sd[j] + mean[j]);
                }
            }));
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "standardize");
            s.put("features", mean.length);
            int constant = 0;
            for (double v : variance) {
                if (v == 0) {
                    constant++;
                }
            }
            s.put("constant_features", constant);
            // ranges rather than every value: a run record should stay small at 3,072 features
            s.put("mean_min", Arrays.stream(mean).min().orElse(0));
            s.put("mean_max", Arrays.stream(mean).max().orElse(0));
            s.put("scale_min", Arrays.stream(sd).min().orElse(1));
            s.put("scale_max", Arrays.stream(sd).max().orElse(1));
            return s;
        }
    }
}
