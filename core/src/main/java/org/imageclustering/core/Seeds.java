package org.imageclustering.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The one place where seeds are derived and random generators are made.
 *
 * <p>Seeds are never global: each run gets a root seed, and every random decision inside it
 * (initialisation, restarts, subsampling, ...) uses a seed derived from that root by a name or an
 * index, so any single run, or any single restart, can be replayed alone. Derivation mixes with
 * SplitMix64's finaliser, so neighbouring indices give unrelated streams.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for the {@code index}-th member of a family rooted at {@code master}. */
    public static long derive(long master, long index) {
        return mix(mix(master) ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    /** A seed for the purpose {@code name} (e.g. "init", "subsample") under {@code master}. */
    public static long derive(long master, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-8, stable across JVMs unlike String.hashCode mixing
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return derive(master, h);
    }

    /** The project's random generator for a seed. */
    public static SplittableRandom rng(long seed) {
        return new SplittableRandom(seed);
    }

    /** SplitMix64's output function (Steele, Lea and Flood 2014). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
