package org.imageclustering.reporting.report;

import java.util.Locale;

/** Locale-independent number text for every output of this module. */
final class Numbers {
    private Numbers() {
    }

    /** Full precision for machines: Java's shortest round-trip form, "" for NaN. */
    static String exact(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Four significant digits for people; "n/a" for NaN. */
    static String short4(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * {@code mean ± sd} for people, both with the decimals the mean's magnitude warrants (so
     * {@code 120750 ± 250} and {@code 0.5200 ± 0.0100}); just the mean when sd is undefined.
     */
    static String meanSd(double mean, double sd) {
        if (Double.isNaN(sd) || !Double.isFinite(mean)) {
            return short4(mean);
        }
        double a = Math.abs(mean);
        if (a != 0 && (a >= 1e12 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e ± %.1e", mean, sd);
        }
        int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 4;
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, sd);
    }
}
