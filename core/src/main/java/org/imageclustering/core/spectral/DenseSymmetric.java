package org.imageclustering.core.spectral;

import org.imageclustering.core.matrix.Parallelism;

/** A small dense symmetric matrix (row-major doubles) as an operator. */
final class DenseSymmetric implements SymmetricOperator {
    private final int n;
    private final double[] a;

    DenseSymmetric(int n, double[] a) {
        this.n = n;
        this.a = a;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void apply(double[] x, double[] y, Parallelism parallel) {
        parallel.forEach(n, 64, (s, e) -> {
            for (int i = s; i < e; i++) {
                double sum = 0;
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    sum += a[o + j] * x[j];
                }
                y[i] = sum;
            }
        });
    }
}
