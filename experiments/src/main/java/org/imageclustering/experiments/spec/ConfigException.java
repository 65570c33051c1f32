package org.imageclustering.experiments.spec;

import java.util.Objects;

/**
 * A bad experiment configuration: an unknown key, a wrong type, a missing or out-of-range value,
 * or a semantic problem (K larger than the data, a missing dataset), with the place that holds it.
 * The message reads {@code configs/a.yaml line 7, column 5, algorithms[1].init: expected one of
 * [...], found 'kmeans++' (did you mean 'k-means++'?)}. Main turns it into exit code 2.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String keyPath;
    private final String problem;

    /**
     * @param location where the offending key or value is, or {@code null} when it concerns the file as a whole
     * @param keyPath  dotted key path with list indices in brackets ({@code algorithms[0].init}), or "" for the root
     * @param problem  what was expected and what was found, with any suggestion
     */
    public ConfigException(Location location, String keyPath, String problem) {
        super(format(location, keyPath, problem));
        this.location = location;
        this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public ConfigException(Location location, String keyPath, String problem, Throwable cause) {
        this(location, keyPath, problem);
        initCause(cause);
    }

    /** Where the problem is, or {@code null}. */
    public Location location() {
        return location;
    }

    public String keyPath() {
        return keyPath;
    }

    /** The message without location and key path. */
    public String problem() {
        return problem;
    }

    private static String format(Location location, String keyPath, String problem) {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location);
        }
        if (!keyPath.isEmpty()) {
            sb.append(sb.length() > 0 ? ", " : "").append(keyPath);
        }
        return sb.length() == 0 ? problem : sb + ": " + problem;
    }
}
