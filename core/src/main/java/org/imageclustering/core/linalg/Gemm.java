package org.imageclustering.core.linalg;

import java.lang.invoke.MethodHandles;
import org.imageclustering.core.distance.KernelProvider;

/**
 * Dense single-precision matrix products over row-major arrays, written as register-tiled SIMD
 * loops with the Vector API: the kernel behind PCA passes, whitening and patch encoding (with the
 * two lane-wise steps of the patch features' triangle activation). Without the Vector API module
 * the same operations run as scalar loops (see the package documentation).
 *
 * <p>Every output value is computed by one call in a fixed order of its terms, so results do not
 * depend on how callers split rows over threads. Right-hand operands have a column count padded to
 * a multiple of {@link #LANES} (see {@link #padded}); padding columns must be zero and their outputs
 * are meaningless.
 */
public final class Gemm {
    /** The loops every call runs: chosen once, for the whole library, by {@link KernelProvider}. */
    static final GemmKernels KERNELS = KernelProvider.choose(MethodHandles.lookup(), GemmKernels.class,
            "VectorGemmKernels", ScalarGemmKernels::new);
    /** Float lanes per vector; right-hand column counts are padded to a multiple of this. */
    public static final int LANES = KERNELS.lanes();
    /** Double lanes per vector; {@link #gramUpper}'s column count is padded to a multiple of this. */
    static final int DOUBLE_LANES = KERNELS.doubleLanes();

    private Gemm() {
    }

    /** The padded width of {@code cols} columns: {@code cols} rounded up to a multiple of {@link #LANES}. */
    public static int padded(int cols) {
        return (cols + LANES - 1) / LANES * LANES;
    }

    /** {@code cols} rounded up to a multiple of the double lane count: {@link #gramUpper}'s padded width. */
    static int paddedDoubles(int cols) {
        return (cols + DOUBLE_LANES - 1) / DOUBLE_LANES * DOUBLE_LANES;
    }

    /** A copy of the row-major {@code rows x cols} matrix {@code b} with columns padded by zeros. */
    public static float[] padColumns(float[] b, int rows, int cols) {
        int lp = padded(cols);
        float[] out = new float[rows * lp];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(b, i * cols, out, i * lp, cols);
        }
        return out;
    }

    /**
     * The product {@code C = A B}: {@code A} is {@code m x d} starting at {@code aOff} with row stride {@code lda};
     * {@code B} is {@code d x lp} (padded); {@code C} is {@code m x lp} written from {@code cOff}. Each
     * {@code C[i][j]} is one float FMA chain over {@code k = 0 .. d-1} starting from 0.
     */
    public static void multiply(float[] a, int aOff, int lda, int m, int d, float[] b, int lp, float[] c, int cOff) {
        KERNELS.multiply(a, aOff, lda, m, d, b, lp, c, cOff);
    }

    /**
     * {@code C += A^T B} over {@code m} rows: {@code A} is {@code m x d} from {@code aOff} (row stride
     * {@code lda}), {@code B} is {@code m x lp} (padded) from {@code bOff}; {@code C} is {@code d x lp}.
     * Sums over the {@code m} rows run in float (one FMA chain over the rows from 0, then added to
     * {@code C}), callers keep {@code m} modest and add blocks in double.
     */
    static void multiplyTransposed(float[] a, int aOff, int lda, int m, int d, float[] b, int bOff, int lp,
                                   float[] c) {
        KERNELS.multiplyTransposed(a, aOff, lda, m, d, b, bOff, lp, c);
    }

    /**
     * {@code C += A^T A} in double for the upper triangle (column block at or right of the row):
     * {@code A} is {@code m x dp} doubles (row stride {@code dp}, a multiple of {@link #DOUBLE_LANES}
     * (see {@link #paddedDoubles}), padding zero), {@code C} is {@code dp x dp}. Only entries
     * {@code C[j][k]} with {@code k >= j rounded down to a multiple of DOUBLE_LANES} are written, each
     * with one double FMA chain over the rows from 0; callers mirror the rest.
     */
    static void gramUpper(double[] a, int m, int dp, double[] c) {
        KERNELS.gramUpper(a, m, dp, c);
    }

    /**
     * The triangle activation of one patch against {@code k} centroids (Coates, Ng and Lee 2011),
     * from {@code patchNorm} = the patch's squared norm, {@code dots[dOff + c]} = its dot product with
     * centroid c and {@code centroidNorms[c]} = that centroid's squared norm, for
     * {@code c < padded(k)} (padding entries zero): the distances
     * {@code z_c = sqrt(max(0, patchNorm + centroidNorms[c] - 2 dots[c]))} in float, their mean
     * {@code mu} over {@code c < k} (a float sum per lane, the lanes added in order), then
     * {@code z[c] = max(0, mu - z_c)}. {@code z} has room for {@code padded(k)} values; those past
     * {@code k} are meaningless.
     */
    public static void triangleActivation(float patchNorm, float[] dots, int dOff, float[] centroidNorms, int k,
                                          float[] z) {
        KERNELS.triangleActivation(patchNorm, dots, dOff, centroidNorms, k, z);
    }

    /** {@code out[off + c] += z[c]} for {@code c < k}, in float. */
    public static void addTo(float[] z, int k, float[] out, int off) {
        KERNELS.addTo(z, k, out, off);
    }
}
