package org.imageclustering.features;

import java.util.List;
import java.util.SplittableRandom;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.Dataset;

/** Small datasets for the transform tests. */
final class TestData {
    private TestData() {
    }

    static Dataset dataset(String name, FloatMatrix x, ImageShape shape) {
        return new Dataset(name, x, null, List.of(), shape, List.of());
    }

    static Dataset labelled(String name, FloatMatrix x, int[] labels, ImageShape shape) {
        return new Dataset(name, x, labels, List.of("a", "b", "c"), shape, List.of());
    }

    /** Rows with correlated features: a few latent factors with decaying scale plus small noise. */
    static FloatMatrix correlated(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int factors = Math.min(d, 6);
        double[][] loadings = new double[factors][d];
        for (double[] l : loadings) {
            for (int j = 0; j < d; j++) {
                l[j] = rng.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = new double[factors];
            for (int t = 0; t < factors; t++) {
                z[t] = rng.nextGaussian() * (3.0 / (1 + t));
            }
            for (int j = 0; j < d; j++) {
                double v = 0.5 + 0.05 * rng.nextGaussian();
                for (int t = 0; t < factors; t++) {
                    v += 0.1 * z[t] * loadings[t][j];
                }
                x[i * d + j] = (float) v;
            }
        }
        return FloatMatrix.wrap(n, d, x);
    }

    /** Uniform random images in [0, 1]. */
    static Dataset randomImages(int n, ImageShape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return labelled("random", FloatMatrix.wrap(n, shape.size(), x), labels, shape);
    }

    /**
     * Images of three kinds (vertical bars, horizontal bars, a bright square) with random phase and
     * noise: enough structure for a patch dictionary to learn edges.
     */
    static Dataset structuredImages(int n, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ImageShape shape = new ImageShape(1, size, size);
        float[] x = new float[n * shape.size()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int kind = i % 3;
            labels[i] = kind;
            int phase = rng.nextInt(4);
            for (int y = 0; y < size; y++) {
                for (int xx = 0; xx < size; xx++) {
                    double v = switch (kind) {
                        case 0 -> ((xx + phase) / 2) % 2;
                        case 1 -> ((y + phase) / 2) % 2;
                        default -> (Math.abs(y - size / 2) < 3 && Math.abs(xx - size / 2 + phase - 2) < 3) ? 1 : 0;
                    };
                    x[i * shape.size() + y * size + xx] = (float) (0.8 * v + 0.1 + 0.05 * rng.nextDouble());
                }
            }
        }
        return labelled("structured", FloatMatrix.wrap(n, shape.size(), x), labels, shape);
    }

    static FitContext context(long seed) {
        return FitContext.of(seed);
    }

    /** Sample covariance of the columns of {@code x} (n - 1 in the denominator), computed directly. */
    static double[][] covariance(FloatMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                }
            }
        }
        for (double[] row : c) {
            for (int b = 0; b < d; b++) {
                row[b] /= n - 1;
            }
        }
        return c;
    }
}
