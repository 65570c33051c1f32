package org.imageclustering.features;

import java.util.function.Supplier;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;

/** Validation and option-building utilities shared by the option records of this package. */
final class OptionChecks {
    private OptionChecks() {
    }

    static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new OptionException(key, "must be >= " + min + ", was " + value);
        }
    }

    static void positiveFinite(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new OptionException(key, "must be a finite number > 0, was " + value);
        }
    }

    static void nonNegativeFinite(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new OptionException(key, "must be a finite number >= 0, was " + value);
        }
    }

    /**
     * Builds options from {@code params}, re-anchoring a record's complaint about one of its keys
     * (e.g. {@code components}) at the full key path (e.g. {@code transforms[1].components}), then
     * rejects keys nobody read.
     */
    static <T> T build(Parameters params, Supplier<T> options) {
        T built;
        try {
            built = options.get();
        } catch (OptionException e) {
            if (e.keyPath().startsWith(params.path())) {
                throw e;
            }
            throw new OptionException(params.keyPath(e.keyPath()), e.detail());
        }
        params.requireAllUsed();
        return built;
    }
}
