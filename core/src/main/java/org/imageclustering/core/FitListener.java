package org.imageclustering.core;

/** Receives progress from a running fit, e.g. to draw a progress bar. Must be cheap and thread-safe. */
@FunctionalInterface
public interface FitListener {
    /** Nobody listens. */
    FitListener NONE = trace -> { };

    /** Called once per finished iteration. */
    void iterationDone(IterationTrace trace);
}
