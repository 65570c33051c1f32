package org.imageclustering.core.linalg;

/**
 * The inner loops behind {@link Gemm}, in two implementations chosen once by the library's
 * {@code KernelProvider}: {@code VectorGemmKernels} on SIMD lanes (the Vector API) and
 * {@link ScalarGemmKernels}, which computes every value by the same sequence of float and double
 * operations. The methods are {@link Gemm}'s, documented there.
 */
interface GemmKernels {
    /** {@code "vector"} or {@code "scalar"}. */
    String name();

    /** Float lanes per vector: the right-hand column counts are padded to a multiple of this. */
    int lanes();

    /** Double lanes per vector (half the float lanes, at least 1). */
    int doubleLanes();

    void multiply(float[] a, int aOff, int lda, int m, int d, float[] b, int lp, float[] c, int cOff);

    void multiplyTransposed(float[] a, int aOff, int lda, int m, int d, float[] b, int bOff, int lp, float[] c);

    void gramUpper(double[] a, int m, int dp, double[] c);

    void triangleActivation(float patchNorm, float[] dots, int dOff, float[] centroidNorms, int k, float[] z);

    void addTo(float[] z, int k, float[] out, int off);
}
