package org.imageclustering.core.kmeans;

/** What k-means does when an update step leaves a centre with no points. */
public enum EmptyClusterPolicy {
    /** Move the empty centre onto the point farthest from its own centre (scikit-learn's choice). */
    FARTHEST_POINT("farthest-point"),
    /** Split the largest cluster: move the empty centre onto that cluster's farthest member. */
    LARGEST_CLUSTER_SPLIT("largest-cluster-split"),
    /** Fail the fit, naming the iteration and the cluster. */
    ERROR("error");

    private final String yamlName;

    EmptyClusterPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in experiment files and reports. */
    public String yamlName() {
        return yamlName;
    }

    /** Parses a name as written in experiment files. */
    public static EmptyClusterPolicy fromName(String name) {
        for (EmptyClusterPolicy p : values()) {
            if (p.yamlName.equals(name)) {
                return p;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(values()).map(EmptyClusterPolicy::yamlName).toList();
        throw new IllegalArgumentException("unknown empty-cluster policy '" + name + "'"
                + org.imageclustering.core.Suggestions.hint(name, names) + ", expected one of " + names);
    }
}
