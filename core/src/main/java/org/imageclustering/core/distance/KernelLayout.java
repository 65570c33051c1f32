package org.imageclustering.core.distance;

/**
 * The shape of the kernel's work: lane count, row blocks, register tiles, chunks and feature tiles,
 * shared by the prepared operands and by every implementation of the kernels, so that they agree
 * on every layout and every order of operations (see the package comment).
 */
final class KernelLayout {
    /** Floats per SIMD vector (the Vector API's preferred species, or the scalar fallback's emulation of it). */
    static final int LANES = KernelProvider.LANES;
    /** Rows processed together by the block kernels (their partial dot products stay in a small array). */
    static final int ROW_BLOCK = 24;
    /** Rows of the micro-kernel's register tile. */
    static final int TILE_ROWS = 6;
    /** Rows of the narrow micro-kernels (at most one vector of centres). */
    static final int NARROW_ROWS = 12;
    /** Centre vectors of the widest micro-kernel (6 x 4 accumulators, 4 centre vectors, 1 broadcast). */
    static final int PANEL_VECTORS = 4;
    /**
     * Features per float FMA chain: every dot product of the block kernels is a sum, in float and in
     * chunk order, of one float chain per chunk of this many features (see the package comment).
     */
    static final int CHUNK = 128;
    /** Features per lane-parallel float sum of the few-pair kernels. */
    static final int DOT_TILE = 1024;
    /** Floats of packed centre data per feature tile: 64 Ki floats, 256 KiB, fits the L2 cache beside the rows. */
    static final int TILE_BUDGET = 1 << 16;
    static final double UNIT_ROUNDOFF = 0x1p-24;
    /** Rows per block of {@link RowBlocks}: one SIMD lane per row. */
    static final int BLOCK_ROWS = LANES;
    /** Blocks of the row-lane micro-kernel: 4 blocks against 5 centres, 20 accumulators. */
    static final int LANE_BLOCKS = 4;
    /** Rows per step of the row-lane kernel (64 with 16 lanes). */
    static final int ROW_LANE_STEP = BLOCK_ROWS * LANE_BLOCKS;
    /** Centres per pass of the row-lane micro-kernel; the last pass is padded with zero centres. */
    static final int LANE_CENTRES = 5;
    /**
     * Most centres for which the row-lane kernel is used: beyond, the padding of the centre
     * vectors (at most 16 lanes, 6 idle at k = 10) costs less than the padding of the passes.
     */
    static final int ROW_LANE_MAX_K = 10;

    private KernelLayout() {
    }

    /**
     * {@code 2 g} of the package comment for rows of {@code d} features: {@code n} is the longer of
     * the block order's chain ({@value #CHUNK} FMAs, then one float addition per further chunk) and
     * the lane order's (a lane's FMAs per 1024 features, its lane sum and tail), plus 2 for the
     * double operations.
     */
    static double gamma(int d) {
        int chunks = Math.max(1, (d + CHUNK - 1) / CHUNK);
        double n = Math.max(CHUNK + chunks - 1, (DOT_TILE + LANES - 1) / LANES + 2 * LANES) + 2;
        return 2 * n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /**
     * Feature-tile width of the packed kernel for {@code paddedK} centres of {@code d} features: a
     * multiple of {@link #CHUNK}, so that tiles never split a chunk and the per-pair order does not
     * depend on it.
     */
    static int tileWidth(int paddedK, int d) {
        if ((long) paddedK * d <= TILE_BUDGET) {
            return Math.max(d, 1);
        }
        int t = Math.max(CHUNK, (TILE_BUDGET / paddedK) / CHUNK * CHUNK);
        return Math.min(t, d);
    }
}
