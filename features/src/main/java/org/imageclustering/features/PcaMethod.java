package org.imageclustering.features;

import java.util.Arrays;

/** How {@link PcaTransform} finds the principal components. */
public enum PcaMethod {
    /** The cheaper of the two below for the data's shape and the requested components. */
    AUTO("auto"),
    /**
     * The {@code d x d} covariance accumulated in double, then a full symmetric eigen-decomposition:
     * exact, and the only method that supports keeping a fraction of the variance.
     */
    COVARIANCE("covariance"),
    /**
     * Randomized subspace iteration (Halko, Martinsson and Tropp 2011) followed by a Rayleigh-Ritz
     * step: a few passes over the data with a thin random start, for few components of wide data.
     */
    RANDOMIZED("randomized");

    private final String yamlName;

    PcaMethod(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static PcaMethod fromName(String name) {
        for (PcaMethod m : values()) {
            if (m.yamlName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "', expected one of "
                + Arrays.stream(values()).map(PcaMethod::yamlName).toList());
    }
}
