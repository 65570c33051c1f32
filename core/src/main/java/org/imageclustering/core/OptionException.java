package org.imageclustering.core;

/**
 * A bad option value or an unknown option key, carrying the key path it concerns
 * (e.g. {@code algorithms[0].max-iterations}) so that the experiment runner can point at the
 * line of the configuration file that holds it.
 */
public class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;

    public OptionException(String keyPath, String message) {
        super(keyPath + ": " + message);
        this.keyPath = keyPath;
    }

    /** Dotted path of the offending key, with list indices in brackets. */
    public String keyPath() {
        return keyPath;
    }

    /** The message without the key path in front. */
    public String detail() {
        String m = getMessage();
        return m.substring(keyPath.length() + 2);
    }
}
