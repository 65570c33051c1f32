package org.imageclustering.experiments.testing;

import com.google.inject.AbstractModule;
import java.util.ArrayList;
import java.util.List;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.SquaredEuclidean;
import org.imageclustering.core.kmeans.Initialization;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.testing.Fixtures;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.run.ReportWriter;
import org.imageclustering.experiments.run.RunJournal;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * Small in-test components bound through the same MapBinders as the real ones: a Gaussian-blobs
 * loader, a k-means factory over core's {@link KMeans}, a factory that fails or sleeps on demand,
 * two metrics, and file-backed fakes of the journal and report writer.
 */
public final class TestComponents extends AbstractModule {
    @Override
    protected void configure() {
        ExperimentsModule.loaders(binder()).addBinding("blobs").toInstance(TestComponents::blobs);
        ExperimentsModule.algorithms(binder()).addBinding("kmeans").toInstance(TestComponents::kmeans);
        ExperimentsModule.algorithms(binder()).addBinding("flaky").toInstance(TestComponents::flaky);
        ExperimentsModule.metrics(binder()).addBinding("distortion").toInstance(TestComponents::distortion);
        ExperimentsModule.metrics(binder()).addBinding("purity").toInstance(TestComponents::purity);
        ExperimentsModule.transforms(binder()).addBinding("scale").toInstance(params -> {
            double factor = params.number("factor");
            params.requireAllUsed();
            return (train, ctx) -> data -> {
                float[] x = data.features().data().clone();
                for (int i = 0; i < x.length; i++) {
                    x[i] *= (float) factor;
                }
                return data.withFeatures(FloatMatrix.wrap(data.size(), data.features().cols(), x), null);
            };
        });
        bind(RunJournal.class).to(JsonlJournal.class);
        bind(ReportWriter.class).to(FakeReports.class);
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
        Fixtures.Labelled train = Fixtures.blobs(clusters, perCluster, dims, separation, seed);
        Fixtures.Labelled test = Fixtures.blobs(clusters, testPerCluster, dims, separation, seed + 1000);
        return new DatasetSplits(new Dataset("blobs/train", train.points(), train.labels(), names, null, List.of()),
                testPerCluster == 0 ? null : new Dataset("blobs/test", test.points(), test.labels(), names, null, List.of()));
    }

    static KMeans kmeans(int k, Parameters p) {
        KMeansOptions o = KMeansOptions.defaults(k)
                .withInit(p.choice("init", Initialization.KMEANS_PLUS_PLUS, Initialization::fromName))
                .withRestarts(p.integer("restarts", 1))
                .withMaxIterations(p.integer("max-iterations", KMeansOptions.DEFAULT_MAX_ITERATIONS));
        p.requireAllUsed();
        return new KMeans(o);
    }

    /** k-means that fails when K is {@code fail-k} and sleeps {@code sleep-ms} before each fit. */
    static org.imageclustering.core.ClusteringAlgorithm flaky(int k, Parameters p) {
        int failK = p.integer("fail-k", -1);
        long sleep = p.longValue("sleep-ms", 0);
        KMeans inner = kmeans(k, p);
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

    static double distortion(MetricInput in) {
        double sum = 0;
        for (int i = 0; i < in.predicted().length; i++) {
            sum += SquaredEuclidean.distance(in.features(), i, in.centroids(), in.predicted()[i]);
        }
        return sum;
    }

    static double purity(MetricInput in) {
        if (!in.hasTruth()) {
            return Double.NaN;
        }
        int k = in.centroids().rows();
        int classes = 0;
        for (int t : in.truth()) {
            classes = Math.max(classes, t + 1);
        }
        int[][] counts = new int[k][classes];
        for (int i = 0; i < in.predicted().length; i++) {
            counts[in.predicted()[i]][in.truth()[i]]++;
        }
        int sum = 0;
        for (int[] row : counts) {
            int max = 0;
            for (int c : row) {
                max = Math.max(max, c);
            }
            sum += max;
        }
        return sum / (double) in.predicted().length;
    }

    /** Keeps the compiler honest that the fakes have the interfaces' shapes. */
    static final ClusteringAlgorithmFactory KMEANS = TestComponents::kmeans;
    static final DatasetLoader BLOBS = TestComponents::blobs;
    static final Metric PURITY = TestComponents::purity;
}
