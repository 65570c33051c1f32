package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.Holm;
import org.imageclustering.reporting.stats.PairedComparison;

/**
 * Paired comparisons between configurations that share a dataset and K (and, where runs record it
 * as the diagnostic {@code train_rows}, the number of training images), on matched seeds (the
 * same seed index), for a list of metrics; p-values Holm-corrected within each
 * {@code split.metric} family, separately for the t-test and the Wilcoxon test.
 *
 * <p>Metrics measured in the feature space ({@link Metrics#dependsOnFeatureSpace}: distortion,
 * silhouette, Calinski-Harabasz, Davies-Bouldin) are compared only between configurations on the
 * same feature set: PCA to 50 components drops most of the pixels' variance, so its distortion is
 * smaller whatever the clustering, and a paired test of the two would find that "significant".
 */
public final class PairedComparisons {
    private PairedComparisons() {
    }

    /** One side of a comparison: a configuration and its runs by seed index. */
    public record Side(String label, ConfigurationSummary summary, Map<Integer, RunRecord> bySeedIndex) {
        public Side {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(summary, "summary");
            bySeedIndex = Map.copyOf(bySeedIndex);
        }
    }

    /**
     * One test between configurations A and B on {@code split.metric}.
     *
     * @param holmT         Holm-adjusted t-test p-value within the family
     * @param holmWilcoxon  Holm-adjusted Wilcoxon p-value within the family
     */
    public record Row(String dataset, int k, String a, String b, String split, String metric,
                      PairedComparison result, double holmT, double holmWilcoxon) {
    }

    /** The sides of every configuration in {@code summaries}, labelled by their series label. */
    public static List<Side> sides(String prefix, List<ConfigurationSummary> summaries, List<RunRecord> records) {
        Map<String, Map<Integer, RunRecord>> byKey = new HashMap<>();
        for (RunRecord r : records) {
            if (r.ok()) {
                byKey.computeIfAbsent(r.configurationKey(), x -> new HashMap<>()).put(r.seedIndex(), r);
            }
        }
        List<Side> out = new ArrayList<>();
        for (ConfigurationSummary s : summaries) {
            out.add(new Side(prefix + s.seriesLabel(), s, byKey.getOrDefault(s.key(), Map.of())));
        }
        return out;
    }

    /**
     * Every pair (a from {@code as}, b from {@code bs}) with the same dataset and K, except a side
     * with itself; with {@code as == bs} each unordered pair once.
     */
    public static List<Row> compare(List<Side> as, List<Side> bs, List<String> splitMetrics) {
        boolean same = as == bs;
        List<Row> raw = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            for (int j = same ? i + 1 : 0; j < bs.size(); j++) {
                Side a = as.get(i);
                Side b = bs.get(j);
                if (!a.summary().dataset().equals(b.summary().dataset()) || a.summary().k() != b.summary().k()
                        || !sameTrainingSize(a, b)) {
                    continue;
                }
                for (String sm : splitMetrics) {
                    int dot = sm.indexOf('.');
                    String split = sm.substring(0, dot);
                    String metric = sm.substring(dot + 1);
                    if (Metrics.dependsOnFeatureSpace(metric) && !sameFeatureSpace(a, b)) {
                        continue;
                    }
                    List<Double> x = new ArrayList<>();
                    List<Double> y = new ArrayList<>();
                    for (Map.Entry<Integer, RunRecord> e : a.bySeedIndex().entrySet()) {
                        RunRecord rb = b.bySeedIndex().get(e.getKey());
                        if (rb == null) {
                            continue;
                        }
                        x.add(value(e.getValue(), split, metric));
                        y.add(value(rb, split, metric));
                    }
                    PairedComparison pc = PairedComparison.of(x.stream().mapToDouble(Double::doubleValue).toArray(),
                            y.stream().mapToDouble(Double::doubleValue).toArray(), Metrics.lowerIsBetter(metric));
                    if (pc.n() == 0) {
                        continue;
                    }
                    raw.add(new Row(a.summary().dataset(), a.summary().k(), a.label(), b.label(), split, metric, pc,
                            Double.NaN, Double.NaN));
                }
            }
        }
        // Holm within each split.metric family.
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            families.computeIfAbsent(raw.get(i).split() + "." + raw.get(i).metric(), x -> new ArrayList<>()).add(i);
        }
        Row[] out = raw.toArray(new Row[0]);
        for (List<Integer> fam : families.values()) {
            double[] pt = new double[fam.size()];
            double[] pw = new double[fam.size()];
            for (int f = 0; f < fam.size(); f++) {
                pt[f] = raw.get(fam.get(f)).result().tTestP();
                pw[f] = raw.get(fam.get(f)).result().wilcoxonP();
            }
            double[] ht = Holm.adjust(pt);
            double[] hw = Holm.adjust(pw);
            for (int f = 0; f < fam.size(); f++) {
                Row r = raw.get(fam.get(f));
                out[fam.get(f)] = new Row(r.dataset(), r.k(), r.a(), r.b(), r.split(), r.metric(), r.result(), ht[f], hw[f]);
            }
        }
        return List.of(out);
    }

    /** Diagnostic the runner records with the number of training rows of a run. */
    static final String TRAIN_ROWS = "train_rows";
    /** Diagnostic the runner records with the number of features (columns) the algorithm saw. */
    static final String FEATURES = "features";

    /**
     * Whether two configurations' feature-space metrics are on one scale: the same feature set
     * (transform chain label) and, where both record it, the same number of features. The dataset
     * and training size are checked for every metric.
     */
    static boolean sameFeatureSpace(Side a, Side b) {
        if (!a.summary().transforms().equals(b.summary().transforms())) {
            return false;
        }
        Object fa = diagnostic(a, FEATURES);
        Object fb = diagnostic(b, FEATURES);
        return fa == null || fb == null || fa.toString().equals(fb.toString());
    }

    /**
     * False when both sides record how many training images they used and the numbers differ (the
     * same dataset label with another {@code limit}): their distortions are not comparable.
     */
    static boolean sameTrainingSize(Side a, Side b) {
        Object ra = diagnostic(a, TRAIN_ROWS);
        Object rb = diagnostic(b, TRAIN_ROWS);
        return ra == null || rb == null || ra.toString().equals(rb.toString());
    }

    private static Object diagnostic(Side s, String key) {
        for (RunRecord r : s.bySeedIndex().values()) {
            Object v = r.diagnostics().get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static double value(RunRecord r, String split, String metric) {
        Double v = r.metrics().getOrDefault(split, Map.of()).get(metric);
        return v == null ? Double.NaN : v;
    }

    /** The p-value as people read it: "n/a" where the test does not apply. */
    static String p(double p) {
        return Numbers.short4(p);
    }

    /** What a reader is told about a row's tests: why a p-value is missing, how the Wilcoxon one was computed. */
    static String note(PairedComparison c) {
        String method = Double.isNaN(c.wilcoxonP()) ? "" : c.wilcoxonExact() ? "Wilcoxon exact" : "Wilcoxon normal approx.";
        if (c.status().note().isEmpty()) {
            return method;
        }
        return method.isEmpty() ? c.status().note() : c.status().note() + "; " + method;
    }

    /**
     * The methods, and what the number of seeds allows, as one paragraph for people: the tests,
     * Holm's correction, why feature-space metrics are compared within a feature set only, and,
     * when the fewest pairs cannot reach {@code p < 0.05} with the Wilcoxon test, how many seeds could.
     */
    public static String methodsText(List<Row> rows) {
        StringBuilder sb = new StringBuilder("Two-sided paired t-test (Student), and two-sided Wilcoxon signed-rank "
                + "test as scipy 1.10 computes it by default: the exact distribution when there are at most "
                + "50 pairs and no zero difference (tied magnitudes keep it), otherwise zero differences dropped "
                + "and the normal approximation with the tie correction, no continuity correction. Holm's "
                + "correction within each metric. A comparison whose differences are the same on every seed "
                + "(zero variance) gets no t-test p-value, and one where every pair ties gets none at all. "
                + "Distortion, silhouette, Calinski-Harabasz and Davies-Bouldin are measured in the feature "
                + "space the algorithm saw, so they are compared only between configurations on the same "
                + "feature set: PCA drops variance, so its distortion is smaller than the pixels' whatever "
                + "the clustering.");
        int fewest = rows.stream().mapToInt(r -> r.result().n()).filter(n -> n >= 2).min().orElse(0);
        if (fewest == 0) {
            return sb.toString();
        }
        Map<String, Integer> familySize = new LinkedHashMap<>();
        for (Row r : rows) {
            familySize.merge(r.split() + "." + r.metric(), 1, Integer::sum);
        }
        int largest = familySize.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        double smallest = PairedComparison.smallestWilcoxonP(fewest);
        if (smallest * largest >= SIGNIFICANCE) {
            sb.append(String.format(Locale.ROOT, " With %d matched seeds the Wilcoxon test cannot reach p < %.2f: "
                    + "its smallest two-sided p-value is 2/2^%d = %s", fewest, SIGNIFICANCE, fewest,
                    Numbers.short4(smallest)));
            if (largest > 1) {
                sb.append(String.format(Locale.ROOT, ", and Holm's correction over the %d comparisons of a "
                        + "metric multiplies the smallest by %d", largest, largest));
            }
            sb.append(String.format(Locale.ROOT, ". Run at least %d seeds for one comparison",
                    PairedComparison.pairsForSignificance(1, SIGNIFICANCE)));
            if (largest > 1) {
                sb.append(String.format(Locale.ROOT, ", %d for %d", PairedComparison.pairsForSignificance(largest,
                        SIGNIFICANCE), largest));
            }
            sb.append(String.format(Locale.ROOT, ". The t-test's p-value from %d seeds rests on normal "
                    + "differences that so few values cannot check.", fewest));
        }
        return sb.toString();
    }

    /** The significance level the seed advice is given for. */
    static final double SIGNIFICANCE = 0.05;

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| dataset | K | A | B | metric | pairs | mean A−B | win/tie/loss (A) "
                + "| t-test p | Holm p | Wilcoxon p | Holm p | note |\n"
                + "|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            PairedComparison c = r.result();
            sb.append("| ").append(r.dataset()).append(" | ").append(r.k()).append(" | ").append(r.a().replace("|", "\\|"))
                    .append(" | ").append(r.b().replace("|", "\\|")).append(" | ").append(r.split()).append(' ')
                    .append(r.metric()).append(" | ").append(c.n()).append(" | ").append(Numbers.short4(c.meanDifference()))
                    .append(" | ").append(c.wins()).append('/').append(c.ties()).append('/').append(c.losses())
                    .append(" | ").append(p(c.tTestP())).append(" | ").append(p(r.holmT()))
                    .append(" | ").append(p(c.wilcoxonP())).append(" | ").append(p(r.holmWilcoxon()))
                    .append(" | ").append(note(c)).append(" |\n");
        }
        return sb.toString();
    }

    /** The rows as CSV, full precision; empty p-value cells where a test does not apply, and why. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("dataset,k,a,b,split,metric,pairs,mean_difference,wins,ties,losses,"
                + "t_test_p,t_test_p_holm,wilcoxon_p,wilcoxon_p_holm,wilcoxon_method,note\n");
        for (Row r : rows) {
            PairedComparison c = r.result();
            sb.append(Csv.field(r.dataset())).append(',').append(r.k()).append(',').append(Csv.field(r.a())).append(',')
                    .append(Csv.field(r.b())).append(',').append(r.split()).append(',').append(r.metric()).append(',')
                    .append(c.n()).append(',').append(Numbers.exact(c.meanDifference())).append(',').append(c.wins())
                    .append(',').append(c.ties()).append(',').append(c.losses()).append(',')
                    .append(Numbers.exact(c.tTestP())).append(',').append(Numbers.exact(r.holmT())).append(',')
                    .append(Numbers.exact(c.wilcoxonP())).append(',').append(Numbers.exact(r.holmWilcoxon())).append(',')
                    .append(Double.isNaN(c.wilcoxonP()) ? "" : c.wilcoxonExact() ? "exact" : "normal-approximation")
                    .append(',').append(Csv.field(c.status().note())).append('\n');
        }
        return sb.toString();
    }
}
