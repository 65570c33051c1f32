package org.imageclustering.core.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the distance kernel on the spectral kNN's shape, one thread: all distances
 * between two tiles of 512 narrow rows ({@code SquaredEuclidean.block}, packing the second tile and
 * computing norms within the call; the kNN's brute force packs each tile once). Throughput in
 * GFLOP/s is {@code 2 x 512 x 512 x d / time}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class NeighborsKernelBench {
    private static final int TILE = 512;

    @Param({"48", "144"})
    public int d;

    private FloatMatrix a;
    private FloatMatrix b;
    private double[] out;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(2);
        float[] xa = new float[TILE * d];
        float[] xb = new float[TILE * d];
        for (int i = 0; i < xa.length; i++) {
            xa[i] = (float) rng.nextGaussian();
            xb[i] = (float) rng.nextGaussian();
        }
        a = FloatMatrix.wrap(TILE, d, xa);
        b = FloatMatrix.wrap(TILE, d, xb);
        out = new double[TILE * TILE];
    }

    @Benchmark
    public double[] tilePairBlock() {
        SquaredEuclidean.block(a, 0, TILE, b, out);
        return out;
    }
}
