package org.imageclustering.core.kmeans;

/** Which quantity {@link KMeansOptions#tolerance()} is compared with. */
public enum ToleranceMode {
    /**
     * scikit-learn's test: stop when the sum over centres of the squared distance each centre moved
     * is at most {@code tolerance x (mean over features of the feature variance)}.
     */
    CENTER_SHIFT("center-shift"),
    /**
     * The original assignment's test: stop when {@code (previous - current) / previous} distortion
     * is at most {@code tolerance}.
     */
    RELATIVE_DISTORTION("relative-distortion");

    private final String yamlName;

    ToleranceMode(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in experiment files and reports. */
    public String yamlName() {
        return yamlName;
    }

    /** Parses a name as written in experiment files. */
    public static ToleranceMode fromName(String name) {
        for (ToleranceMode m : values()) {
            if (m.yamlName.equals(name)) {
                return m;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(values()).map(ToleranceMode::yamlName).toList();
        throw new IllegalArgumentException("unknown tolerance mode '" + name + "'"
                + org.imageclustering.core.Suggestions.hint(name, names) + ", expected one of " + names);
    }
}
