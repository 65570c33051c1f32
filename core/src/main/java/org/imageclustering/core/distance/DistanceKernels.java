package org.imageclustering.core.distance;

/**
 * The inner loops of the squared-Euclidean kernel, one implementation per way of running them: the
 * Vector API's ({@link VectorKernels}) and the scalar fallback's ({@link ScalarKernels}), which
 * gives the same bits. {@link KernelProvider} picks one when the package is first used; the
 * callers hold it in a {@code static final} field and call it once per block of rows or per
 * few-pair call, never inside a loop over features, so the JIT sees one implementation and
 * inlines it.
 */
interface DistanceKernels {
    /** A short name for messages and tests: {@code "vector"} or {@code "scalar"}. */
    String name();

    /** Floats per vector: the Vector API's preferred species', or the number of lanes the fallback emulates. */
    int lanes();

    /**
     * Partial dot products of {@code m <= ROW_BLOCK} rows of {@code x} (at offsets {@code off})
     * with every centre of {@code cs}, into {@code acc[r * paddedK + c]} (the array holds
     * {@code ROW_BLOCK + 1} such rows, the last one spare): each the float sum, in chunk order, of
     * one float FMA chain per chunk of features.
     */
    void dots(float[] x, int[] off, int m, Centers cs, float[] acc);

    /**
     * The same dot products as {@link #dots}, for the {@code ROW_LANE_STEP} rows of {@code blocks}
     * from block {@code block} on; {@code sums} is scratch space.
     */
    void rowLaneDots(float[] blocks, int block, int d, Centers cs, float[] sums, float[] acc);

    /**
     * The exact-argmin rule in one pass, for the {@code m} rows of a row-lane step from row
     * {@code b}: into {@code unique[r]} the only centre whose approximate distance less its error
     * bound is within the cut, or -1 when several are (a near tie, decided by the caller).
     */
    void screenRows(float[] acc, int stride, int m, double[] xNorms, int b, Centers cs, double[] work, int[] unique);

    /**
     * Lane-parallel dot products of four (row, centre) pairs: rows at {@code o0..o3} of {@code x},
     * centres at {@code p0..p3} of {@code c}, into {@code out[0..3]}; each exactly {@link #laneDot}.
     */
    void fourPairDots(float[] x, int o0, int o1, int o2, int o3, float[] c, int p0, int p1, int p2, int p3, int d,
                      float[] lanes, double[] out);

    /** {@link #fourPairDots} of one row (at {@code xo}) with four centres, each load of the row shared. */
    void oneRowFourCentreDots(float[] x, int xo, float[] c, int p0, int p1, int p2, int p3, int d, float[] lanes,
                              double[] out);

    /**
     * One lane-parallel dot product: per tile of {@code DOT_TILE} features, a float FMA chain per
     * lane over the whole vectors, the lanes summed by {@link FloatChains#sumLanes}, the tail
     * FMA'd onto that sum; the tile sums added in double.
     */
    double laneDot(float[] x, int xo, float[] c, int co, int d, float[] lanes);
}
