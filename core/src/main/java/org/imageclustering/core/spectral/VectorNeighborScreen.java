package org.imageclustering.core.spectral;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NeighborScreen} on SIMD lanes, by the incubating Vector API ({@code jdk.incubator.vector}).
 * Only the library's {@code KernelProvider} names this class, by reflection and once it has found
 * the module, so that a JVM without the module never loads a Vector API class.
 */
final class VectorNeighborScreen implements NeighborScreen {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

    VectorNeighborScreen() {
    }

    @Override
    public int step() {
        return LANES.length();
    }

    @Override
    public int next(double[] block, int row, double[] threshold, double limit, int from, int upper) {
        int step = LANES.length();
        for (int j = from; j < upper; j += step) {
            DoubleVector v = DoubleVector.fromArray(LANES, block, row + j);
            DoubleVector t = DoubleVector.fromArray(LANES, threshold, j);
            if (v.compare(VectorOperators.LE, t.max(limit)).anyTrue()) {
                return j;
            }
        }
        return upper;
    }
}
