package org.imageclustering.core.kmeans;

/** How the first centres of a k-means run are chosen. */
public enum Initialization {
    /**
     * Per feature, mean + standard deviation x N(0, 1): the original assignment's initialiser.
     * The centres need not be data points, so early empty clusters are common.
     */
    RANDOM_GAUSSIAN("random-gaussian"),
    /** k distinct rows chosen uniformly at random. */
    RANDOM_POINTS("random-points"),
    /**
     * Greedy k-means++ (Arthur and Vassilvitskii 2007): each new centre is the best of
     * 2 + ln k candidates drawn with probability proportional to the squared distance to the
     * nearest centre so far, as scikit-learn does.
     */
    KMEANS_PLUS_PLUS("k-means++"),
    /** k-means|| (Bahmani et al. 2012): oversampling rounds, then weighted k-means++ on the candidates. */
    KMEANS_PARALLEL("k-means||"),
    /** Centres supplied by the caller ({@link KMeansOptions#givenCentroids()}). */
    GIVEN("given");

    private final String yamlName;

    Initialization(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in experiment files and reports. */
    public String yamlName() {
        return yamlName;
    }

    /** Parses a name as written in experiment files. */
    public static Initialization fromName(String name) {
        for (Initialization i : values()) {
            if (i.yamlName.equals(name)) {
                return i;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(values()).map(Initialization::yamlName).toList();
        throw new IllegalArgumentException("unknown initialisation '" + name + "'"
                + org.imageclustering.core.Suggestions.hint(name, names) + ", expected one of " + names);
    }
}
