package org.imageclustering.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s loops as register-tiled SIMD loops with the incubating Vector API
 * ({@code jdk.incubator.vector}). Only the library's {@code KernelProvider} names this class, by
 * reflection and once it has found the module, so that a JVM without the module never loads a
 * Vector API class.
 */
final class VectorGemmKernels implements GemmKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();

    VectorGemmKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public int doubleLanes() {
        return D.length();
    }

    @Override
    public void multiply(float[] a, int aOff, int lda, int m, int d, float[] b, int lp, float[] c, int cOff) {
        int v = LANES;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * lda;
            int a1 = a0 + lda;
            int a2 = a1 + lda;
            int a3 = a2 + lda;
            int c0 = cOff + i * lp;
            int j = 0;
            for (; j + 2 * v <= lp; j += 2 * v) {
                FloatVector s00 = FloatVector.zero(F), s01 = FloatVector.zero(F);
                FloatVector s10 = FloatVector.zero(F), s11 = FloatVector.zero(F);
                FloatVector s20 = FloatVector.zero(F), s21 = FloatVector.zero(F);
                FloatVector s30 = FloatVector.zero(F), s31 = FloatVector.zero(F);
                for (int k = 0, bo = j; k < d; k++, bo += lp) {
                    FloatVector b0 = FloatVector.fromArray(F, b, bo);
                    FloatVector b1 = FloatVector.fromArray(F, b, bo + v);
                    FloatVector x = FloatVector.broadcast(F, a[a0 + k]);
                    s00 = x.fma(b0, s00);
                    s01 = x.fma(b1, s01);
                    x = FloatVector.broadcast(F, a[a1 + k]);
                    s10 = x.fma(b0, s10);
                    s11 = x.fma(b1, s11);
                    x = FloatVector.broadcast(F, a[a2 + k]);
                    s20 = x.fma(b0, s20);
                    s21 = x.fma(b1, s21);
                    x = FloatVector.broadcast(F, a[a3 + k]);
                    s30 = x.fma(b0, s30);
                    s31 = x.fma(b1, s31);
                }
                s00.intoArray(c, c0 + j);
                s01.intoArray(c, c0 + j + v);
                s10.intoArray(c, c0 + lp + j);
                s11.intoArray(c, c0 + lp + j + v);
                s20.intoArray(c, c0 + 2 * lp + j);
                s21.intoArray(c, c0 + 2 * lp + j + v);
                s30.intoArray(c, c0 + 3 * lp + j);
                s31.intoArray(c, c0 + 3 * lp + j + v);
            }
            for (; j < lp; j += v) {
                FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F);
                FloatVector s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
                for (int k = 0, bo = j; k < d; k++, bo += lp) {
                    FloatVector b0 = FloatVector.fromArray(F, b, bo);
                    s0 = FloatVector.broadcast(F, a[a0 + k]).fma(b0, s0);
                    s1 = FloatVector.broadcast(F, a[a1 + k]).fma(b0, s1);
                    s2 = FloatVector.broadcast(F, a[a2 + k]).fma(b0, s2);
                    s3 = FloatVector.broadcast(F, a[a3 + k]).fma(b0, s3);
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c0 + lp + j);
                s2.intoArray(c, c0 + 2 * lp + j);
                s3.intoArray(c, c0 + 3 * lp + j);
            }
        }
        for (; i < m; i++) {
            int a0 = aOff + i * lda;
            int c0 = cOff + i * lp;
            for (int j = 0; j < lp; j += v) {
                FloatVector s0 = FloatVector.zero(F);
                for (int k = 0, bo = j; k < d; k++, bo += lp) {
                    s0 = FloatVector.broadcast(F, a[a0 + k]).fma(FloatVector.fromArray(F, b, bo), s0);
                }
                s0.intoArray(c, c0 + j);
            }
        }
    }

    @Override
    public void multiplyTransposed(float[] a, int aOff, int lda, int m, int d, float[] b, int bOff, int lp,
                                   float[] c) {
        int v = LANES;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            int c0 = j * lp;
            int col = 0;
            for (; col + 2 * v <= lp; col += 2 * v) {
                FloatVector s00 = FloatVector.zero(F), s01 = FloatVector.zero(F);
                FloatVector s10 = FloatVector.zero(F), s11 = FloatVector.zero(F);
                FloatVector s20 = FloatVector.zero(F), s21 = FloatVector.zero(F);
                FloatVector s30 = FloatVector.zero(F), s31 = FloatVector.zero(F);
                for (int r = 0, ao = aOff + j, bo = bOff + col; r < m; r++, ao += lda, bo += lp) {
                    FloatVector b0 = FloatVector.fromArray(F, b, bo);
                    FloatVector b1 = FloatVector.fromArray(F, b, bo + v);
                    FloatVector x = FloatVector.broadcast(F, a[ao]);
                    s00 = x.fma(b0, s00);
                    s01 = x.fma(b1, s01);
                    x = FloatVector.broadcast(F, a[ao + 1]);
                    s10 = x.fma(b0, s10);
                    s11 = x.fma(b1, s11);
                    x = FloatVector.broadcast(F, a[ao + 2]);
                    s20 = x.fma(b0, s20);
                    s21 = x.fma(b1, s21);
                    x = FloatVector.broadcast(F, a[ao + 3]);
                    s30 = x.fma(b0, s30);
                    s31 = x.fma(b1, s31);
                }
                addInto(c, c0 + col, s00);
                addInto(c, c0 + col + v, s01);
                addInto(c, c0 + lp + col, s10);
                addInto(c, c0 + lp + col + v, s11);
                addInto(c, c0 + 2 * lp + col, s20);
                addInto(c, c0 + 2 * lp + col + v, s21);
                addInto(c, c0 + 3 * lp + col, s30);
                addInto(c, c0 + 3 * lp + col + v, s31);
            }
            for (; col < lp; col += v) {
                FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F);
                FloatVector s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
                for (int r = 0, ao = aOff + j, bo = bOff + col; r < m; r++, ao += lda, bo += lp) {
                    FloatVector b0 = FloatVector.fromArray(F, b, bo);
                    s0 = FloatVector.broadcast(F, a[ao]).fma(b0, s0);
                    s1 = FloatVector.broadcast(F, a[ao + 1]).fma(b0, s1);
                    s2 = FloatVector.broadcast(F, a[ao + 2]).fma(b0, s2);
                    s3 = FloatVector.broadcast(F, a[ao + 3]).fma(b0, s3);
                }
                addInto(c, c0 + col, s0);
                addInto(c, c0 + lp + col, s1);
                addInto(c, c0 + 2 * lp + col, s2);
                addInto(c, c0 + 3 * lp + col, s3);
            }
        }
        for (; j < d; j++) {
            int c0 = j * lp;
            for (int col = 0; col < lp; col += v) {
                FloatVector s0 = FloatVector.zero(F);
                for (int r = 0, ao = aOff + j, bo = bOff + col; r < m; r++, ao += lda, bo += lp) {
                    s0 = FloatVector.broadcast(F, a[ao]).fma(FloatVector.fromArray(F, b, bo), s0);
                }
                addInto(c, c0 + col, s0);
            }
        }
    }

    private static void addInto(float[] c, int off, FloatVector s) {
        FloatVector.fromArray(F, c, off).add(s).intoArray(c, off);
    }

    @Override
    public void gramUpper(double[] a, int m, int dp, double[] c) {
        int v = D.length();
        int j = 0;
        for (; j + 4 <= dp; j += 4) {
            int c0 = j * dp;
            int start = j / v * v;
            int col = start;
            for (; col + 2 * v <= dp; col += 2 * v) {
                DoubleVector s00 = DoubleVector.zero(D), s01 = DoubleVector.zero(D);
                DoubleVector s10 = DoubleVector.zero(D), s11 = DoubleVector.zero(D);
                DoubleVector s20 = DoubleVector.zero(D), s21 = DoubleVector.zero(D);
                DoubleVector s30 = DoubleVector.zero(D), s31 = DoubleVector.zero(D);
                for (int r = 0, ao = j, bo = col; r < m; r++, ao += dp, bo += dp) {
                    DoubleVector b0 = DoubleVector.fromArray(D, a, bo);
                    DoubleVector b1 = DoubleVector.fromArray(D, a, bo + v);
                    DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                    s00 = x.fma(b0, s00);
                    s01 = x.fma(b1, s01);
                    x = DoubleVector.broadcast(D, a[ao + 1]);
                    s10 = x.fma(b0, s10);
                    s11 = x.fma(b1, s11);
                    x = DoubleVector.broadcast(D, a[ao + 2]);
                    s20 = x.fma(b0, s20);
                    s21 = x.fma(b1, s21);
                    x = DoubleVector.broadcast(D, a[ao + 3]);
                    s30 = x.fma(b0, s30);
                    s31 = x.fma(b1, s31);
                }
                addInto(c, c0 + col, s00);
                addInto(c, c0 + col + v, s01);
                addInto(c, c0 + dp + col, s10);
                addInto(c, c0 + dp + col + v, s11);
                addInto(c, c0 + 2 * dp + col, s20);
                addInto(c, c0 + 2 * dp + col + v, s21);
                addInto(c, c0 + 3 * dp + col, s30);
                addInto(c, c0 + 3 * dp + col + v, s31);
            }
            for (; col < dp; col += v) {
                DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
                DoubleVector s2 = DoubleVector.zero(D), s3 = DoubleVector.zero(D);
                for (int r = 0, ao = j, bo = col; r < m; r++, ao += dp, bo += dp) {
                    DoubleVector b0 = DoubleVector.fromArray(D, a, bo);
                    s0 = DoubleVector.broadcast(D, a[ao]).fma(b0, s0);
                    s1 = DoubleVector.broadcast(D, a[ao + 1]).fma(b0, s1);
                    s2 = DoubleVector.broadcast(D, a[ao + 2]).fma(b0, s2);
                    s3 = DoubleVector.broadcast(D, a[ao + 3]).fma(b0, s3);
                }
                addInto(c, c0 + col, s0);
                addInto(c, c0 + dp + col, s1);
                addInto(c, c0 + 2 * dp + col, s2);
                addInto(c, c0 + 3 * dp + col, s3);
            }
        }
        for (; j < dp; j++) {
            int c0 = j * dp;
            for (int col = j / v * v; col < dp; col += v) {
                DoubleVector s0 = DoubleVector.zero(D);
                for (int r = 0, ao = j, bo = col; r < m; r++, ao += dp, bo += dp) {
                    s0 = DoubleVector.broadcast(D, a[ao]).fma(DoubleVector.fromArray(D, a, bo), s0);
                }
                addInto(c, c0 + col, s0);
            }
        }
    }

    private static void addInto(double[] c, int off, DoubleVector s) {
        DoubleVector.fromArray(D, c, off).add(s).intoArray(c, off);
    }

    @Override
    public void triangleActivation(float pn, float[] dots, int dOff, float[] centroidNorms, int k, float[] z) {
        int kp = (k + LANES - 1) / LANES * LANES;
        FloatVector patchNorm = FloatVector.broadcast(F, pn);
        FloatVector sum = FloatVector.zero(F);
        for (int c = 0; c < kp; c += LANES) {
            FloatVector dot = FloatVector.fromArray(F, dots, dOff + c);
            FloatVector d2 = patchNorm.add(FloatVector.fromArray(F, centroidNorms, c)).sub(dot.mul(2f))
                    .max(0f).sqrt();
            d2.intoArray(z, c);
            sum = sum.add(d2, F.indexInRange(c, k));
        }
        FloatVector mu = FloatVector.broadcast(F, sum.reduceLanes(VectorOperators.ADD) / k);
        for (int c = 0; c < kp; c += LANES) {
            mu.sub(FloatVector.fromArray(F, z, c)).max(0f).intoArray(z, c);
        }
    }

    @Override
    public void addTo(float[] z, int k, float[] out, int off) {
        for (int c = 0; c < k; c += LANES) {
            VectorMask<Float> valid = F.indexInRange(c, k);
            FloatVector.fromArray(F, out, off + c, valid)
                    .add(FloatVector.fromArray(F, z, c)).intoArray(out, off + c, valid);
        }
    }
}
