package org.example.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.kmeans.Initialization;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.ToleranceMode;
import org.imageclustering.loader.datasets.Cifar10Loader;
import org.imageclustering.loader.datasets.CifarFormat;
import org.imageclustering.loader.DatasetSplits;

/** k-means on CIFAR-10 with the original assignment's settings, called as a library. */
public final class Cifar10KMeans {
    public static void main(String[] args) throws IOException {
        Path cifar10 = Path.of(args.length > 0 ? args[0] : "data/cifar-10"); // a folder or the downloaded archive
        DatasetSplits data = new Cifar10Loader().load(cifar10,
                new Cifar10Loader.Options(5, CifarFormat.AUTO, false)); // batches, format, raw
        FloatMatrix trainX = data.train().features(); // one row per image: 50,000 x 3,072 in [0, 1]
        int[] trainY = data.train().labels();          // true classes, named by data.train().classNames()
        FloatMatrix testX = data.test().features();    // 10,000 x 3,072

        KMeansOptions assignment = KMeansOptions.defaults(10)    // K = 10
                .withInit(Initialization.RANDOM_GAUSSIAN)          // per feature: mean + sd x N(0, 1)
                .withRestarts(5)                                   // keep the lowest distortion
                .withTolerance(1e-4, ToleranceMode.RELATIVE_DISTORTION) // stop on a small relative drop
                .withMaxIterations(100);
        Clustering fit = new KMeans(assignment).fit(trainX, 42); // same seed, same result

        FloatMatrix centroids = fit.centroids(); // 10 x 3,072: each a 3 x 32 x 32 picture
        int[] labels = fit.labels();             // the cluster of every training image
        double distortion = fit.distortion();    // sum of squared distances to the centroids
        int[] predicted = fit.predict(testX);    // the nearest centroid of every test image

        System.out.println(centroids.rows() + " centroids of " + centroids.cols() + " features, distortion "
                + distortion + ", " + fit.iterations() + " iterations, " + fit.stopReason());
        System.out.println("first training image: class " + data.train().classNames().get(trainY[0])
                + ", cluster " + labels[0]);
        System.out.println("training images per cluster: " + Arrays.toString(fit.sizes()));
        int[] testSizes = new int[centroids.rows()];
        for (int cluster : predicted) {
            testSizes[cluster]++;
        }
        System.out.println("test images per cluster: " + Arrays.toString(testSizes));
    }
}
