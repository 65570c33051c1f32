package org.imageclustering.reporting.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.kmeans.Initialization;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.features.FittedTransform;
import org.imageclustering.features.PcaOptions;
import org.imageclustering.features.PcaTransform;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.imageclustering.features.FittedTransform;
import org.imageclustering.features.PcaOptions;
import org.imageclustering.features.PcaTransform;
import org.imageclustering.reporting.AtomicFiles;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;

/**
 * Writes a demonstration results folder and its report for looking at the HTML in a browser (see
 * reporting/scripts/screenshot-report.sh): k-means++ on the shipped Fashion-MNIST sample, raw
 * pixels and PCA(50) features (centroids drawn through the inverse PCA), K in {5, 10, 15}, 3 seeds,
 * every metric on train and test. Not a test and not the experiment runner: it calls the reporting
 * API the way the runner does. Arguments: output folder, sample folder.
 */
public final class ReportDemo {
    private ReportDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-demo");
        Path sample = Path.of(args.length > 1 ? args[1] : "data/fashion-mnist-sample");
        DatasetSplits splits = new FashionMnistLoader().load(new LoaderOptions(sample, false, Parameters.empty("dataset")));
        Dataset train = splits.train();
        Dataset test = splits.test();
        RunLog log = RunLog.in(out);
        RunArtifacts artifacts = new RunArtifacts(out);
        try (Parallelism parallel = Parallelism.of(2)) {
            for (String features : List.of("", "pca(50)")) {
                FittedTransform pca = features.isEmpty() ? null
                        : new PcaTransform(PcaOptions.components(50)).fit(train, new FitContext(1, parallel, org.imageclustering.core.FitListener.NONE));
                Dataset tr = pca == null ? train : pca.apply(train);
                Dataset te = pca == null ? test : pca.apply(test);
                for (int k : new int[] {5, 10, 15}) {
                    for (int s = 0; s < 3; s++) {
                        long seed = Seeds.derive(42, s);
                        KMeansOptions options = KMeansOptions.defaults(k).withInit(Initialization.KMEANS_PLUS_PLUS);
                        long t0 = System.nanoTime();
                        Clustering c = new KMeans(options).fit(tr.features(), new FitContext(seed, parallel, org.imageclustering.core.FitListener.NONE));
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
                        metrics.put("train", Metrics.scoreAll(Metrics.names(), new MetricInput(tr.features(), c.labels(),
                                tr.labels(), c.centroids(), seed, parallel)));
                        int[] predicted = c.predict(te.features());
                        metrics.put("test", Metrics.scoreAll(Metrics.names(), new MetricInput(te.features(), predicted,
                                te.labels(), c.centroids(), seed, parallel)));
                        String runId = (features.isEmpty() ? "pixels" : "pca50") + "-k" + k + "-s" + s;
                        FloatMatrix pixelCentroids = pca == null ? c.centroids() : pca.inverse(c.centroids()).orElse(null);
                        Map<String, String> files = new LinkedHashMap<>(artifacts.saveStandard(runId, tr.features(),
                                c.labels(), c.centroids(), tr.labels(), tr.classNames(), pixelCentroids,
                                train.features(), train.shape()));
                        files.putAll(artifacts.writeLabelFiles(runId, "test", predicted));
                        files.put(RunArtifacts.contingencyKey("test"), artifacts.writeContingency(runId, "test",
                                te.labels(), predicted, k, te.classNames()));
                        log.append(RunRecord.ok(new RunRecord.Setup(runId, "report-demo",
                                new RunRecord.Configuration("fashion-mnist-sample", features, "kmeans-k++",
                                Map.of("init", "k-means++"), k), seed, s), metrics, new RunRecord.Fit(c.iterations(),
                                c.stopReason().name(), c.trace(), c.diagnostics(), millis), files));
                    }
                }
            }
        }
        AtomicFiles.writeString(out.resolve(Reports.MANIFEST), "{\"experiment\": \"report-demo\", \"dataset\": {"
                + "\"loader\": \"fashion-mnist\", \"train\": " + train.size() + ", \"test\": " + test.size()
                + "}, \"seeds\": [0, 1, 2], \"java\": \"" + System.getProperty("java.version") + "\"}\n");
        Reports.Written w = Reports.writeAll(out);
        System.out.print(w.consoleTable());
        System.out.println(w.html().toAbsolutePath());
    }
}
