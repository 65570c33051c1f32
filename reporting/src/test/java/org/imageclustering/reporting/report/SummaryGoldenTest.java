package org.imageclustering.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imageclustering.reporting.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * summary.csv, summary.md and the console table against golden files, under a default Locale that
 * writes decimal commas (de-DE): the outputs must not change with the machine's language.
 */
public class SummaryGoldenTest {
    private Locale saved;

    @BeforeEach
    void german() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    /** Hand-made records: two algorithms x K in {5, 10} x 3 seeds, one failed run, NaN where not measured. */
    public static List<RunRecord> records() {
        List<RunRecord> out = new ArrayList<>();
        double[][] purity = {{0.51, 0.53, 0.52}, {0.60, 0.62, 0.61}, {0.50, 0.50, 0.56}, {0.58, 0.64, 0.61}};
        double[][] distortion = {{120500.5, 121000.25, 120750}, {101000, 100500, 100750.125},
            {119000, 125000, 122000}, {99000, 103000, 101000}};
        String[] algorithms = {"kmeans-k++", "kmeans-k++", "minibatch", "minibatch"};
        int[] ks = {5, 10, 5, 10};
        for (int c = 0; c < 4; c++) {
            for (int s = 0; s < 3; s++) {
                Map<String, Double> train = new LinkedHashMap<>();
                train.put("distortion", distortion[c][s]);
                train.put("purity", purity[c][s]);
                train.put("silhouette", s == 2 ? Double.NaN : 0.1 + 0.01 * s);
                Map<String, Double> test = new LinkedHashMap<>();
                test.put("purity", purity[c][s] - 0.01);
                Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
                metrics.put("train", train);
                metrics.put("test", test);
                String id = algorithms[c] + "-k" + ks[c] + "-s" + s;
                Map<String, Object> params = c < 2 ? Map.of("init", "k-means++", "restarts", 3)
                        : Map.of("batch-size", 1024);
                out.add(RunRecord.ok(new RunRecord.Setup(id, "golden", new RunRecord.Configuration("fashion-mnist",
                        c < 2 ? "" : "pca(50)", algorithms[c], params, ks[c]), 11 + s, s), metrics,
                        new RunRecord.Fit(10, "CENTER_SHIFT_TOLERANCE", List.of(), Map.of(), 100), Map.of()));
            }
        }
        out.add(RunRecord.failed(new RunRecord.Setup("minibatch-k10-s3", "golden",
                new RunRecord.Configuration("fashion-mnist", "pca(50)", "minibatch", Map.of("batch-size", 1024), 10),
                14, 3), "out of memory"));
        return out;
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SummaryGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void csvMarkdownAndConsoleMatchGoldenFilesUnderAGermanLocale() throws IOException {
        List<ConfigurationSummary> s = Summaries.summarize(records(), null);
        assertEquals(golden("summary.csv"), SummaryTables.csv(s));
        assertEquals(golden("summary.md"), SummaryTables.markdown("golden", s));
        assertEquals(golden("console.txt"), SummaryTables.console(s));
    }

    @Test
    void bestSeedHasTheLowestTrainingDistortion() {
        List<ConfigurationSummary> s = Summaries.summarize(records(), null);
        assertEquals(12L, s.get(1).bestSeed(), "kmeans K=10: 100500 is seed index 1");
        assertEquals(11L, s.get(2).bestSeed(), "minibatch K=5: 119000 is seed index 0");
        assertEquals(1, s.get(3).failed());
        assertEquals(2, s.get(0).metric("train", "silhouette").n(), "NaN is not counted");
    }
}
