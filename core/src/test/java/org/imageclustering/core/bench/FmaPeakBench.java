package org.imageclustering.core.bench;

import java.util.Arrays;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic ceiling of the distance kernels on this machine: how many SIMD float FMAs (of the
 * preferred width) one core, and then every thread asked for, completes per second, with 12
 * independent accumulator chains so that the FMA latency is hidden (best of 5 rounds after a
 * warm-up). A kernel's efficiency is its FMA count over this rate. Usage: {@code java --add-modules
 * jdk.incubator.vector -cp core/target/test-classes org.imageclustering.core.bench.FmaPeakBench [threads=2]}.
 */
public final class FmaPeakBench {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final long STEPS = 50_000_000L;
    private static final int CHAINS = 12;

    private FmaPeakBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        Locale.setDefault(Locale.ROOT);
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        for (int t : new int[] {1, threads}) {
            double best = Double.POSITIVE_INFINITY;
            for (int round = 0; round < 6; round++) { // round 0 warms up the JIT
                double seconds = timeThreads(t);
                if (round > 0) {
                    best = Math.min(best, seconds);
                }
            }
            double perSecond = (double) CHAINS * STEPS * t / best;
            System.out.printf("%d thread(s): %.2f G FMAs of %d floats per second (%.1f GFLOP/s)%n", t, perSecond / 1e9,
                    SPECIES.length(), perSecond * 2 * SPECIES.length() / 1e9);
        }
    }

    private static double timeThreads(int threads) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        float[] sink = new float[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> sink[id] = chains(id));
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (Arrays.toString(sink).isEmpty()) { // keeps the results alive
            throw new AssertionError();
        }
        return seconds;
    }

    /** {@link #CHAINS} independent FMA chains of {@link #STEPS} steps each. */
    private static float chains(float seed) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, seed);
        FloatVector a1 = a0.add(1);
        FloatVector a2 = a0.add(2);
        FloatVector a3 = a0.add(3);
        FloatVector a4 = a0.add(4);
        FloatVector a5 = a0.add(5);
        FloatVector a6 = a0.add(6);
        FloatVector a7 = a0.add(7);
        FloatVector a8 = a0.add(8);
        FloatVector a9 = a0.add(9);
        FloatVector a10 = a0.add(10);
        FloatVector a11 = a0.add(11);
        // written out: vectors kept in an array would be boxed, and the loop would time allocation
        for (long i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, b);
            a1 = a1.fma(m, b);
            a2 = a2.fma(m, b);
            a3 = a3.fma(m, b);
            a4 = a4.fma(m, b);
            a5 = a5.fma(m, b);
            a6 = a6.fma(m, b);
            a7 = a7.fma(m, b);
            a8 = a8.fma(m, b);
            a9 = a9.fma(m, b);
            a10 = a10.fma(m, b);
            a11 = a11.fma(m, b);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
