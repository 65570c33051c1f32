package org.imageclustering.core.linalg;

import java.util.Arrays;

/**
 * {@link Gemm}'s loops without the Vector API, for a JVM started without
 * {@code --add-modules jdk.incubator.vector}: every output value by the same float or double
 * operations in the same order as {@code VectorGemmKernels} (a lane's FMA chain is
 * {@link Math#fma}), so the products are the same bits; the triangle activation's mean emulates
 * {@code lanes} lanes (see the package documentation). The loops run one output row at a time
 * along contiguous memory, for correctness rather than speed.
 */
final class ScalarGemmKernels implements GemmKernels {
    private final int lanes;
    private final int doubleLanes;

    /** Kernels emulating {@code lanes} float lanes (and half as many double lanes, at least 1). */
    ScalarGemmKernels(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes = " + lanes + ", expected at least 1");
        }
        this.lanes = lanes;
        this.doubleLanes = Math.max(1, lanes / 2);
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public int doubleLanes() {
        return doubleLanes;
    }

    @Override
    public void multiply(float[] a, int aOff, int lda, int m, int d, float[] b, int lp, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int a0 = aOff + i * lda;
            int c0 = cOff + i * lp;
            Arrays.fill(c, c0, c0 + lp, 0f);
            for (int k = 0, bo = 0; k < d; k++, bo += lp) {
                float x = a[a0 + k];
                for (int j = 0; j < lp; j++) {
                    c[c0 + j] = Math.fma(x, b[bo + j], c[c0 + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(float[] a, int aOff, int lda, int m, int d, float[] b, int bOff, int lp,
                                   float[] c) {
        float[] sum = new float[lp];
        for (int j = 0; j < d; j++) {
            Arrays.fill(sum, 0f);
            for (int r = 0, ao = aOff + j, bo = bOff; r < m; r++, ao += lda, bo += lp) {
                float x = a[ao];
                for (int col = 0; col < lp; col++) {
                    sum[col] = Math.fma(x, b[bo + col], sum[col]);
                }
            }
            for (int col = 0, c0 = j * lp; col < lp; col++) {
                c[c0 + col] += sum[col];
            }
        }
    }

    @Override
    public void gramUpper(double[] a, int m, int dp, double[] c) {
        double[] sum = new double[dp];
        int grouped = dp / 4 * 4;
        for (int j = 0; j < dp; j++) {
            // the vector loops take rows in groups of 4 from the group's first column block
            int start = (j < grouped ? j / 4 * 4 : j) / doubleLanes * doubleLanes;
            Arrays.fill(sum, start, dp, 0.0);
            for (int r = 0, ao = j, bo = 0; r < m; r++, ao += dp, bo += dp) {
                double x = a[ao];
                for (int col = start; col < dp; col++) {
                    sum[col] = Math.fma(x, a[bo + col], sum[col]);
                }
            }
            for (int col = start, c0 = j * dp; col < dp; col++) {
                c[c0 + col] += sum[col];
            }
        }
    }

    @Override
    public void triangleActivation(float patchNorm, float[] dots, int dOff, float[] centroidNorms, int k, float[] z) {
        int kp = (k + lanes - 1) / lanes * lanes;
        for (int c = 0; c < kp; c++) {
            // a float square root of a float is correctly rounded through double
            z[c] = (float) Math.sqrt(Math.max((patchNorm + centroidNorms[c]) - dots[dOff + c] * 2f, 0f));
        }
        // per lane a float sum over its centroids, then the lanes added in lane order from 0
        float sum = 0f;
        for (int lane = 0; lane < lanes; lane++) {
            float laneSum = 0f;
            for (int c = lane; c < k; c += lanes) {
                laneSum += z[c];
            }
            sum += laneSum;
        }
        float mu = sum / k;
        for (int c = 0; c < kp; c++) {
            z[c] = Math.max(mu - z[c], 0f);
        }
    }

    @Override
    public void addTo(float[] z, int k, float[] out, int off) {
        for (int c = 0; c < k; c++) {
            out[off + c] += z[c];
        }
    }
}
