package org.imageclustering.features;

import java.util.Objects;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link PcaTransform}.
 *
 * @param components      number of components to keep, or 0 when {@code variance} decides
 * @param variance        fraction of the total variance to keep, in (0, 1], or 0 when {@code components} decides
 * @param whiten          divide each component by its standard deviation so that the output has
 *                        identity covariance on the training data
 * @param whitenEpsilon   added to each variance before dividing when whitening, {@code >= 0}
 * @param method          how the components are found
 * @param oversampling    extra random directions of the randomized method, {@code >= 0}
 * @param powerIterations power iterations of the randomized method (Halko et al.'s q), {@code >= 0}
 */
public record PcaOptions(int components, double variance, boolean whiten, double whitenEpsilon, PcaMethod method,
                         int oversampling, int powerIterations) {
    public static final int DEFAULT_OVERSAMPLING = 10;
    public static final int DEFAULT_POWER_ITERATIONS = 2;

    public PcaOptions {
        Objects.requireNonNull(method, "method");
        if (components == 0 && variance == 0) {
            throw new OptionException("components", "give either components (an integer >= 1) or variance "
                    + "(a fraction in (0, 1])");
        }
        if (components != 0 && variance != 0) {
            throw new OptionException("variance", "give either components or variance, not both");
        }
        if (components < 0) {
            throw new OptionException("components", "must be >= 1, was " + components);
        }
        if (variance != 0 && !(variance > 0 && variance <= 1)) {
            throw new OptionException("variance", "must be a fraction in (0, 1], was " + variance);
        }
        if (variance != 0 && method == PcaMethod.RANDOMIZED) {
            throw new OptionException("method", "'randomized' needs a fixed number of components; "
                    + "use 'covariance' or 'auto' with variance");
        }
        OptionChecks.nonNegativeFinite("whiten-epsilon", whitenEpsilon);
        OptionChecks.atLeast("oversampling", oversampling, 0);
        OptionChecks.atLeast("power-iterations", powerIterations, 0);
    }

    /** Keep {@code components} components, no whitening, method chosen automatically. */
    public static PcaOptions components(int components) {
        return new PcaOptions(components, 0, false, 0, PcaMethod.AUTO, DEFAULT_OVERSAMPLING,
                DEFAULT_POWER_ITERATIONS);
    }

    /** Keep the fewest components that explain {@code fraction} of the variance. */
    public static PcaOptions variance(double fraction) {
        return new PcaOptions(0, fraction, false, 0, PcaMethod.AUTO, DEFAULT_OVERSAMPLING,
                DEFAULT_POWER_ITERATIONS);
    }

    public PcaOptions withWhitening(boolean newWhiten, double epsilon) {
        return new PcaOptions(components, variance, newWhiten, epsilon, method, oversampling, powerIterations);
    }

    public PcaOptions withMethod(PcaMethod newMethod) {
        return new PcaOptions(components, variance, whiten, whitenEpsilon, newMethod, oversampling, powerIterations);
    }

    public PcaOptions withPowerIterations(int q) {
        return new PcaOptions(components, variance, whiten, whitenEpsilon, method, oversampling, q);
    }

    /**
     * The options an experiment file gives under the name {@code pca}: the keys {@code components}
     * or {@code variance}, {@code whiten} (false), {@code whiten-epsilon} (0), {@code method} (auto),
     * {@code oversampling} (10) and {@code power-iterations} (2).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static PcaOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new PcaOptions(
                params.integer("components", 0),
                params.number("variance", 0),
                params.bool("whiten", false),
                params.number("whiten-epsilon", 0),
                params.choice("method", PcaMethod.AUTO, PcaMethod::fromName),
                params.integer("oversampling", DEFAULT_OVERSAMPLING),
                params.integer("power-iterations", DEFAULT_POWER_ITERATIONS)));
    }
}
