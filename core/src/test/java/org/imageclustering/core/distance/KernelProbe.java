package org.imageclustering.core.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.testing.Fixtures;

/**
 * Small k-means fits whose every result bit is summarised in one line per fit, run by
 * {@link KernelFallbackTest} in this JVM and in child JVMs with other kernels. Prints the kernel
 * in use, then the summaries.
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
        return out;
    }

    public static void main(String[] args) {
        System.out.println("kernel=" + KernelProvider.KERNELS.name());
        for (String line : fits()) {
            System.out.println("fit " + line);
        }
    }
}
