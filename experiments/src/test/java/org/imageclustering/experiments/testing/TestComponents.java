package org.imageclustering.experiments.testing;

import com.google.inject.AbstractModule;
import java.util.ArrayList;
import java.util.List;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.kmeans.KMeansFactory;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.testing.SyntheticData;

/**
 * Small in-test components bound through the same MapBinders as the real ones: a Gaussian-blobs
 * loader (labelled train and test splits without files) and a k-means that fails or sleeps on
 * demand, to test failed runs and killed sweeps.
 */
public final class TestComponents extends AbstractModule {
    @Override
    protected void configure() {
        ExperimentsModule.loaders(binder()).addBinding("blobs").toInstance(TestComponents::blobs);
        ExperimentsModule.algorithms(binder()).addBinding("flaky").toInstance(TestComponents::flaky);
        ExperimentsModule.loaders(binder()).addBinding("nine-names").toInstance(TestComponents::nineNames);
    }

    /** {@code clusters} blobs of {@code per-cluster} training and {@code test-per-cluster} test points. */
    static DatasetSplits blobs(LoaderOptions options) {
        Parameters p = options.params();
        int clusters = p.integer("clusters", 3);
        int perCluster = p.integer("per-cluster", 40);
        int testPerCluster = p.integer("test-per-cluster", 10);
        int dims = p.integer("dims", 4);
        double separation = p.number("separation", 10);
        long seed = p.longValue("seed", 1);
        p.requireAllUsed();
        if (clusters < 1) {
            throw p.invalid("clusters", "expected an integer >= 1, found " + clusters);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            names.add("c" + c);
        }
        SyntheticData.Labelled train = SyntheticData.blobs(clusters, perCluster, dims, separation, seed);
        SyntheticData.Labelled test = SyntheticData.blobs(clusters, testPerCluster, dims, separation, seed + 1000);
        return new DatasetSplits(new Dataset("blobs/train", points(train), train.labels(), names, null, List.of()),
                testPerCluster == 0 ? null : new Dataset("blobs/test", points(test), test.labels(), names, null, List.of()));
    }

    /** A careless loader: ten blobs labelled 0..9 but only nine class names. */
    static DatasetSplits nineNames(LoaderOptions options) {
        options.params().requireAllUsed();
        SyntheticData.Labelled train = SyntheticData.blobs(10, 5, 10, 10, 1);
        return new DatasetSplits(new Dataset("nine/train", points(train), train.labels(),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"), null, List.of()), null);
    }

    /** The real k-means, except that it fails when K is {@code fail-k} and sleeps {@code sleep-ms} before each fit. */
    static ClusteringAlgorithm flaky(int k, Parameters p) {
        int failK = p.integer("fail-k", -1);
        long sleep = p.longValue("sleep-ms", 0);
        ClusteringAlgorithm inner = new KMeansFactory().create(k, p);
        return (data, ctx) -> {
            if (k == failK) {
                throw new IllegalStateException("flaky refuses K = " + k);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.fit(data, ctx);
        };
    }

    /** The fixture's points as a matrix. */
    private static FloatMatrix points(SyntheticData.Labelled d) {
        return FloatMatrix.wrap(d.rows(), d.cols(), d.values());
    }
}
