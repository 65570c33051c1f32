package org.imageclustering.core.kmeans;

/**
 * Which exact algorithm runs the iterations of a {@link KMeans} fit. All variants give the same
 * labels, centroids and distortion from the same start; they differ only in how much distance work
 * they skip.
 */
public enum KMeansVariant {
    /** Lloyd (1982): every row against every centre in every iteration. */
    LLOYD("lloyd"),
    /**
     * Hamerly (2010): one upper bound (to the own centre) and one lower bound (to every other
     * centre) per row, moved by the triangle inequality, skip the rows whose nearest centre cannot
     * have changed. Memory O(n), which suits large n and moderate k.
     */
    HAMERLY("hamerly"),
    /**
     * Elkan (2003): an upper bound per row and a lower bound per row and centre, plus the distances
     * between centres, skip almost every distance once the centres settle. Memory: n x k doubles.
     */
    ELKAN("elkan"),
    /**
     * Let the implementation choose from n, k and d: {@link #ELKAN} for k >= 2 while its n x k
     * bounds stay under {@value #ELKAN_MAX_BOUNDS} doubles (on Fashion-MNIST its whole fit takes
     * 3-7% less time than Hamerly's at K=10 and 21-26% less at K=50), else {@link #HAMERLY};
     * Lloyd for k = 1.
     */
    AUTO("auto");

    static final long ELKAN_MAX_BOUNDS = 1L << 25;

    private final String yamlName;

    KMeansVariant(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in experiment files and reports. */
    public String yamlName() {
        return yamlName;
    }

    /** Parses a name as written in experiment files. */
    public static KMeansVariant fromName(String name) {
        for (KMeansVariant v : values()) {
            if (v.yamlName.equals(name)) {
                return v;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(values()).map(KMeansVariant::yamlName).toList();
        throw new IllegalArgumentException("unknown k-means variant '" + name + "'"
                + org.imageclustering.core.Suggestions.hint(name, names) + ", expected one of " + names);
    }

    /** The concrete variant for a problem size. */
    KMeansVariant resolve(int n, int k, int d) {
        if (this != AUTO) {
            return this;
        }
        if (k == 1) {
            return LLOYD;
        }
        return (long) n * k <= ELKAN_MAX_BOUNDS ? ELKAN : HAMERLY;
    }
}
