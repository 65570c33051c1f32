package org.example.extending;

import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.features.FittedTransform;
import org.imageclustering.features.Transform;
import org.imageclustering.features.TransformFactory;

/**
 * Raises every feature to a power (0.5 turns histograms into their Hellinger embedding). Keys:
 * {@code exponent} (0.5, > 0). Learns nothing from the training split; pixel rows keep their shape.
 */
public final class PowerTransformFactory implements TransformFactory {
    @Override
    public Transform create(Parameters params) {
        double exponent = params.number("exponent", 0.5);
        if (!(exponent > 0)) {
            throw params.invalid("exponent", "expected a number > 0, found " + exponent);
        }
        params.requireAllUsed();
        return (train, context) -> new FittedTransform() {
            @Override
            public Dataset apply(Dataset data) {
                FloatMatrix x = data.features();
                float[] out = new float[x.rows() * x.cols()];
                for (int i = 0; i < x.rows(); i++) {
                    for (int j = 0; j < x.cols(); j++) {
                        out[i * x.cols() + j] = (float) Math.pow(Math.max(0, x.get(i, j)), exponent);
                    }
                }
                return data.withFeatures(FloatMatrix.wrap(x.rows(), x.cols(), out), data.shape());
            }

            @Override
            public Map<String, Object> summary() {
                return Map.of("transform", "power", "exponent", exponent); // recorded with the run
            }
        };
    }
}
