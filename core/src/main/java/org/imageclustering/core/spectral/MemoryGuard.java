package org.imageclustering.core.spectral;

import java.util.Locale;

/**
 * Refuses a quadratic step (an n x n or n x m matrix) before it is allocated when its estimated
 * size exceeds the limit, so a user gets advice instead of an {@link OutOfMemoryError} an hour in.
 */
final class MemoryGuard {
    private final long limit;
    private final boolean automatic;

    MemoryGuard(long optionBytes) {
        this.automatic = optionBytes == 0;
        this.limit = automatic ? (long) (0.8 * Runtime.getRuntime().maxMemory()) : optionBytes;
    }

    long limit() {
        return limit;
    }

    /**
     * Throws when {@code bytes} exceed the limit.
     *
     * @param what   the step and its shape, e.g. "the dense RBF affinity (a 60000 x 60000 float matrix)"
     * @param advice what to use instead
     */
    void check(String what, long bytes, String advice) {
        if (bytes > limit) {
            throw new IllegalArgumentException("spectral clustering refused to start " + what + ": it needs about "
                    + human(bytes) + ", more than the limit of " + human(limit)
                    + (automatic ? " (80% of the maximum heap, -Xmx)" : " (memory-limit-mb)") + ". " + advice);
        }
    }

    /** Bytes as "1.5 GiB" / "12.0 MiB" (Locale.ROOT, so messages read the same everywhere). */
    static String human(long bytes) {
        double b = bytes;
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    /** Estimated bytes of the exact kNN graph of n rows (neighbour lists plus both CSR directions). */
    static long knnBytes(long n, int neighbors) {
        return n * neighbors * 12L + 2 * n * neighbors * 12L * 2 + 4 * (n + 1);
    }

    /** Estimated bytes of the Nystrom step: the n x m float kernel plus the m x m landmark kernel. */
    static long nystromBytes(long n, int m) {
        return 4L * n * m + 8L * m * m;
    }
}
