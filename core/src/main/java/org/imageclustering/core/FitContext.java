package org.imageclustering.core;

import java.util.Objects;
import org.imageclustering.core.matrix.Parallelism;

/**
 * What a fit needs besides the data and the options: the seed it derives every random choice
 * from, the workers it may use, and who to tell about progress.
 *
 * @param seed      root seed of the fit; the same seed gives the same result at any thread count
 * @param parallel  workers for the data-parallel steps (the caller owns and closes it)
 * @param listener  told after every iteration; {@link FitListener#NONE} when nobody listens
 */
public record FitContext(long seed, Parallelism parallel, FitListener listener) {
    public FitContext {
        Objects.requireNonNull(parallel, "parallel");
        Objects.requireNonNull(listener, "listener");
    }

    /** A sequential fit with no listener. */
    public static FitContext of(long seed) {
        return new FitContext(seed, Parallelism.sequential(), FitListener.NONE);
    }

    /** The same context with another seed (e.g. for a restart or a nested fit). */
    public FitContext withSeed(long newSeed) {
        return new FitContext(newSeed, parallel, listener);
    }
}
