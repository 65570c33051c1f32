package org.imageclustering.core.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.core.spectral.NearestNeighbors;
import org.imageclustering.core.spectral.SpectralClustering;
import org.imageclustering.core.spectral.SpectralOptions;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.testing.Fixtures;

/**
 * Small fits of the library's SIMD paths (k-means on the distance kernel; exact and randomized PCA
 * and projection on the matrix products; exact k nearest neighbours and spectral clustering with a
 * kNN affinity, raw and after PCA, on the kernel, the neighbour screen and the products) whose
 * every result bit is summarised in one line per fit, run by {@link KernelFallbackTest} in this JVM
 * and in child JVMs with other kernels. Prints the kernel in use, then the summaries.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    /**
     * Overlapping blobs (so that many rows are near ties and the fits take many iterations), fitted
     * by every exact variant at a k the row-lane kernel takes and at one it does not; each fit is
     * summarised by its labels, the bits of its centroids and distortion, and its iterations.
     */
    static List<String> fits() {
        FloatMatrix x = Fixtures.blobs(12, 150, 37, 1.5, 5).points();
        List<String> out = new ArrayList<>();
        for (int k : new int[] {7, 12}) {
            for (KMeansVariant variant : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY,
                    KMeansVariant.ELKAN}) {
                Clustering c = new KMeans(KMeansOptions.defaults(k).withVariant(variant)).fit(x, 11);
                float[] centroids = c.centroids().data();
                int[] bits = new int[centroids.length];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = Float.floatToRawIntBits(centroids[i]);
                }
                out.add(variant + " k=" + k + " labels=" + Arrays.hashCode(c.labels()) + " centroids="
                        + Arrays.hashCode(bits) + " distortion=" + Long.toHexString(Double.doubleToRawLongBits(c.distortion()))
                        + " iterations=" + c.iterations());
            }
        }
        Parallelism two = Parallelism.of(2);
        PrincipalComponents exact = PrincipalComponents.byCovariance(x, 6, 0, two);
        out.add("pca exact " + summary(exact) + " projection=" + bits(exact.project(x, two).data()));
        // 35 directions: a padded width of several vectors with a tail
        PrincipalComponents randomized = PrincipalComponents.randomized(x, 20, 15, 2, 3, two);
        out.add("pca randomized " + summary(randomized) + " projection=" + bits(randomized.project(x, two).data()));
        NearestNeighbors.Result knn = NearestNeighbors.of(x, 9, two);
        out.add("neighbours indices=" + Arrays.hashCode(knn.indices()) + " distances="
                + bits(knn.squaredDistances()));
        for (SpectralOptions o : new SpectralOptions[] {
                SpectralOptions.defaults(12).withNeighbors(8, KnnWeights.CONNECTIVITY).withRestarts(2),
                SpectralOptions.defaults(12).withNeighbors(8, KnnWeights.CONNECTIVITY).withRestarts(2).withPca(10)}) {
            Clustering c = new SpectralClustering(o).fit(x, 11);
            out.add("spectral pca=" + o.pca() + " labels=" + Arrays.hashCode(c.labels()));
        }
        return out;
    }

    private static String summary(PrincipalComponents p) {
        double[] components = new double[p.count() * p.mean().length];
        for (int i = 0; i < p.count(); i++) {
            System.arraycopy(p.components()[i], 0, components, i * p.mean().length, p.mean().length);
        }
        return "components=" + bits(components) + " variances=" + bits(p.variances());
    }

    private static int bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return Arrays.hashCode(bits);
    }

    private static int bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return Arrays.hashCode(bits);
    }

    public static void main(String[] args) {
        System.out.println("kernel=" + KernelProvider.KERNELS.name());
        for (String line : fits()) {
            System.out.println("fit " + line);
        }
    }
}
