package org.imageclustering.core.distance;

import static org.imageclustering.core.distance.KernelLayout.BLOCK_ROWS;
import static org.imageclustering.core.distance.KernelLayout.LANE_CENTRES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row-lane kernel's micro-kernel (Vector API): 4 blocks of rows (one row per lane) against 5
 * centres (one broadcast value each) over one chunk of features, 20 accumulators, written out in
 * full so that they stay in vector registers. Each accumulator lane is one (row, centre) pair's
 * float FMA chain over the chunk: the packed kernel's operations, so the same bits.
 */
final class RowLaneMicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private RowLaneMicroKernel() {
    }

    /** The row-lane micro-kernel: 4 blocks of rows x 5 centres over the features {@code [q0, q1)} of one chunk, 20 accumulators. */
    static void rowLaneChunk(float[] blocks, int base, int d, float[] p, int c0, int q0, int q1, float[] sums,
                             int at) {
        int c1 = c0 + d;
        int c2 = c1 + d;
        int c3 = c2 + d;
        int c4 = c3 + d;
        int s1 = d * BLOCK_ROWS;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a02 = FloatVector.zero(SPECIES);
        FloatVector a03 = FloatVector.zero(SPECIES);
        FloatVector a04 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a12 = FloatVector.zero(SPECIES);
        FloatVector a13 = FloatVector.zero(SPECIES);
        FloatVector a14 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a22 = FloatVector.zero(SPECIES);
        FloatVector a23 = FloatVector.zero(SPECIES);
        FloatVector a24 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        FloatVector a32 = FloatVector.zero(SPECIES);
        FloatVector a33 = FloatVector.zero(SPECIES);
        FloatVector a34 = FloatVector.zero(SPECIES);
        for (int j = q0, o = base + q0 * BLOCK_ROWS; j < q1; j++, o += BLOCK_ROWS) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, blocks, o);
            FloatVector v1 = FloatVector.fromArray(SPECIES, blocks, o + s1);
            FloatVector v2 = FloatVector.fromArray(SPECIES, blocks, o + 2 * s1);
            FloatVector v3 = FloatVector.fromArray(SPECIES, blocks, o + 3 * s1);
            FloatVector e;
            e = FloatVector.broadcast(SPECIES, p[c0 + j]);
            a00 = v0.fma(e, a00);
            a10 = v1.fma(e, a10);
            a20 = v2.fma(e, a20);
            a30 = v3.fma(e, a30);
            e = FloatVector.broadcast(SPECIES, p[c1 + j]);
            a01 = v0.fma(e, a01);
            a11 = v1.fma(e, a11);
            a21 = v2.fma(e, a21);
            a31 = v3.fma(e, a31);
            e = FloatVector.broadcast(SPECIES, p[c2 + j]);
            a02 = v0.fma(e, a02);
            a12 = v1.fma(e, a12);
            a22 = v2.fma(e, a22);
            a32 = v3.fma(e, a32);
            e = FloatVector.broadcast(SPECIES, p[c3 + j]);
            a03 = v0.fma(e, a03);
            a13 = v1.fma(e, a13);
            a23 = v2.fma(e, a23);
            a33 = v3.fma(e, a33);
            e = FloatVector.broadcast(SPECIES, p[c4 + j]);
            a04 = v0.fma(e, a04);
            a14 = v1.fma(e, a14);
            a24 = v2.fma(e, a24);
            a34 = v3.fma(e, a34);
        }
        // written out: a helper taking a vector measured 2x slower in some runs (the vector boxed
        // whenever the JIT did not inline the call)
        a00.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a01.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a02.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a03.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a04.add(FloatVector.fromArray(SPECIES, sums, at + (0 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (0 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a10.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a11.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a12.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a13.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a14.add(FloatVector.fromArray(SPECIES, sums, at + (1 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (1 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a20.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a21.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a22.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a23.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a24.add(FloatVector.fromArray(SPECIES, sums, at + (2 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (2 * LANE_CENTRES + 4) * BLOCK_ROWS);
        a30.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 0) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 0) * BLOCK_ROWS);
        a31.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 1) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 1) * BLOCK_ROWS);
        a32.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 2) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 2) * BLOCK_ROWS);
        a33.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 3) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 3) * BLOCK_ROWS);
        a34.add(FloatVector.fromArray(SPECIES, sums, at + (3 * LANE_CENTRES + 4) * BLOCK_ROWS)).intoArray(sums, at + (3 * LANE_CENTRES + 4) * BLOCK_ROWS);
    }
}
