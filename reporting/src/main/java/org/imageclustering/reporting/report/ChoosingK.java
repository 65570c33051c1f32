package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;
import org.imageclustering.reporting.stats.Summary;

/**
 * Which K each criterion picks in one K sweep: the configurations of one dataset, feature set,
 * algorithm and parameters that differ only in K, measured on the training split. Six criteria,
 * each with its rule, its value at every K and its pick, or the reason it cannot pick:
 * <ul>
 *   <li>knee of distortion: the K whose mean distortion lies farthest below the chord from the
 *       first to the last K, both axes scaled to [0, 1] (the maximum of the difference curve of
 *       Kneedle, Satopää, Albrecht, Irwin and Raghavan 2011, without smoothing); needs 3 K;</li>
 *   <li>silhouette (highest mean), Calinski-Harabasz (highest), Davies-Bouldin (lowest);</li>
 *   <li>gap statistic (Tibshirani, Walther and Hastie 2001): for each seed, the smallest K with
 *       {@code Gap(K) >= Gap(K') - s_K'}, K' the next K of the sweep (R's
 *       {@code maxSE(method = "Tibs2001SEmax")}); the pick is the K most seeds pick (ties to the
 *       smaller K);</li>
 *   <li>stability: the highest mean pairwise ARI between the seeds' training labels (K = 1 left
 *       out: one cluster is trivially stable); known to favour small K.</li>
 * </ul>
 *
 * @param dataset   dataset label
 * @param series    the configuration without K ({@link ConfigurationSummary#seriesLabel()})
 * @param first     the sweep's configuration with the smallest K (names the sweep in tables)
 * @param ks        the K values of the sweep, ascending
 * @param criteria  one per criterion, in the order above
 */
public record ChoosingK(String dataset, String series, ConfigurationSummary first, List<Integer> ks,
                        List<Criterion> criteria) {
    /** The split every criterion reads. */
    static final String SPLIT = "train";

    public ChoosingK {
        ks = List.copyOf(ks);
        criteria = List.copyOf(criteria);
    }

    /**
     * One criterion over one sweep.
     *
     * @param name     e.g. {@code silhouette}
     * @param rule     how it picks, in a few words
     * @param columns  headers of {@link #rows} after K
     * @param rows     per K of the sweep: K, then the cells under {@link #columns}
     * @param curve    what to draw: K, value, low and high of the band (NaN where there is none)
     * @param pick     the K picked, or {@code null}
     * @param note     why there is no pick, or a fact about the pick; "" when there is nothing to say
     */
    public record Criterion(String name, String rule, List<String> columns, List<List<String>> rows, double[][] curve,
                            Integer pick, String note) {
        public Criterion {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }

        /** The verdict for people: {@code K = 10} or {@code none: <why>}. */
        public String verdict() {
            if (pick == null) {
                return "none: " + note;
            }
            return "K = " + pick + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    /**
     * One entry per K sweep among {@code summaries} (groups of two or more K values, in report
     * order); {@code records} supply each seed's gap statistic.
     */
    public static List<ChoosingK> of(List<ConfigurationSummary> summaries, List<RunRecord> records) {
        Map<String, List<ConfigurationSummary>> groups = new LinkedHashMap<>();
        for (ConfigurationSummary s : summaries) {
            groups.computeIfAbsent(s.dataset() + "|" + s.seriesLabel(), x -> new ArrayList<>()).add(s);
        }
        Map<String, RunRecord> byId = new LinkedHashMap<>();
        for (RunRecord r : records) {
            byId.put(r.runId(), r);
        }
        List<ChoosingK> out = new ArrayList<>();
        for (List<ConfigurationSummary> group : groups.values()) {
            List<ConfigurationSummary> sweep = new ArrayList<>(group);
            sweep.sort(java.util.Comparator.comparingInt(ConfigurationSummary::k));
            if (sweep.size() < 2) {
                continue;
            }
            List<Integer> ks = sweep.stream().map(ConfigurationSummary::k).toList();
            List<Criterion> criteria = List.of(knee(sweep), best(sweep, "silhouette", true),
                    best(sweep, "calinski-harabasz", true), best(sweep, "davies-bouldin", false), gap(sweep, byId),
                    stability(sweep));
            out.add(new ChoosingK(sweep.get(0).dataset(), sweep.get(0).seriesLabel(), sweep.get(0), ks, criteria));
        }
        return out;
    }

    // ---- the criteria ----

    static Criterion knee(List<ConfigurationSummary> sweep) {
        String rule = "farthest below the chord from the first to the last K (Kneedle)";
        List<Integer> ks = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        for (ConfigurationSummary s : sweep) {
            Summary m = s.metric(SPLIT, "distortion");
            if (m != null && m.n() > 0 && Double.isFinite(m.mean())) {
                ks.add(s.k());
                d.add(m.mean());
            }
        }
        double[] difference = kneedleDifference(ks.stream().mapToInt(Integer::intValue).toArray(),
                d.stream().mapToDouble(Double::doubleValue).toArray());
        List<List<String>> rows = new ArrayList<>();
        double[][] curve = curve(sweep, "distortion");
        for (ConfigurationSummary s : sweep) {
            int i = ks.indexOf(s.k());
            Summary m = s.metric(SPLIT, "distortion");
            rows.add(List.of(Integer.toString(s.k()), cell(m), i < 0 || difference == null ? "n/a"
                    : Numbers.short4(difference[i])));
        }
        List<String> columns = List.of("distortion", "below the chord");
        if (sweep.stream().allMatch(s -> s.metric(SPLIT, "distortion") == null)) {
            return new Criterion("knee of distortion", rule, columns, rows, curve, null,
                    "distortion not measured (add `distortion` to `metrics`)");
        }
        if (ks.size() < 3) {
            return new Criterion("knee of distortion", rule, columns, rows, curve, null,
                    "needs distortion at 3 K values or more, has " + ks.size());
        }
        if (difference == null) {
            return new Criterion("knee of distortion", rule, columns, rows, curve, null,
                    "distortion does not fall from the first to the last K");
        }
        int best = argBest(difference, true);
        if (!(difference[best] > 0)) {
            return new Criterion("knee of distortion", rule, columns, rows, curve, null,
                    "no K lies below the chord: the curve has no knee");
        }
        return new Criterion("knee of distortion", rule, columns, rows, curve, ks.get(best), "");
    }

    /**
     * Kneedle's difference curve of a falling curve {@code y} over {@code x}: with
     * {@code x} scaled so that the first point is 0 and the last 1, and {@code y} so that the first
     * is 1 and the last 0, {@code (1 - x) - y}, the height of the chord above the point. {@code null}
     * when {@code y} does not fall from the first to the last point or there are fewer than 2 points.
     */
    static double[] kneedleDifference(int[] x, double[] y) {
        int n = x.length;
        if (n < 2 || !(y[0] > y[n - 1]) || x[n - 1] == x[0]) {
            return null;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double xn = (x[i] - (double) x[0]) / (x[n - 1] - (double) x[0]);
            double yn = (y[i] - y[n - 1]) / (y[0] - y[n - 1]);
            out[i] = (1 - xn) - yn;
        }
        return out;
    }

    static Criterion best(List<ConfigurationSummary> sweep, String metric, boolean highest) {
        String name = switch (metric) {
            case "calinski-harabasz" -> "Calinski-Harabasz";
            case "davies-bouldin" -> "Davies-Bouldin";
            default -> metric;
        };
        String rule = (highest ? "highest" : "lowest") + " mean " + metric;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> ks = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ConfigurationSummary s : sweep) {
            Summary m = s.metric(SPLIT, metric);
            rows.add(List.of(Integer.toString(s.k()), cell(m)));
            if (m != null && m.n() > 0 && Double.isFinite(m.mean())) {
                ks.add(s.k());
                values.add(m.mean());
            }
        }
        List<String> columns = List.of(metric);
        double[][] curve = curve(sweep, metric);
        if (sweep.stream().allMatch(s -> s.metric(SPLIT, metric) == null)) {
            return new Criterion(name, rule, columns, rows, curve, null, "not measured (add `" + metric
                    + "` to `metrics`)");
        }
        if (ks.size() < 2) {
            return new Criterion(name, rule, columns, rows, curve, null, "needs a value at 2 K values or more, has "
                    + ks.size() + " (undefined at K = 1)");
        }
        int best = argBest(values.stream().mapToDouble(Double::doubleValue).toArray(), highest);
        return new Criterion(name, rule, columns, rows, curve, ks.get(best), "");
    }

    static Criterion gap(List<ConfigurationSummary> sweep, Map<String, RunRecord> byId) {
        String rule = "smallest K with Gap(K) ≥ Gap(next K) − s(next K), per seed; the K most seeds pick";
        // seed index -> K -> {gap, s_K}
        Map<Integer, TreeMap<Integer, double[]>> bySeed = new TreeMap<>();
        Map<Integer, List<Double>> sPerK = new TreeMap<>();
        for (ConfigurationSummary s : sweep) {
            for (int i = 0; i < s.runIds().size(); i++) {
                RunRecord r = byId.get(s.runIds().get(i));
                Map<String, Double> m = r == null ? Map.of() : r.metrics().getOrDefault(SPLIT, Map.of());
                Double g = m.get("gap");
                Double se = m.get("gap" + Metrics.SE_SUFFIX);
                if (g != null && se != null && Double.isFinite(g) && Double.isFinite(se)) {
                    bySeed.computeIfAbsent(s.seedIndices().get(i), x -> new TreeMap<>()).put(s.k(), new double[] {g, se});
                    sPerK.computeIfAbsent(s.k(), x -> new ArrayList<>()).add(se);
                }
            }
        }
        Map<Integer, Integer> votes = new TreeMap<>();
        List<String> seedPicks = new ArrayList<>();
        for (TreeMap<Integer, double[]> curve : bySeed.values()) {
            int[] ks = curve.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] g = curve.values().stream().mapToDouble(v -> v[0]).toArray();
            double[] se = curve.values().stream().mapToDouble(v -> v[1]).toArray();
            Integer pick = ks.length < 2 ? null : gapPick(ks, g, se);
            seedPicks.add(pick == null ? "none" : pick.toString());
            if (pick != null) {
                votes.merge(pick, 1, Integer::sum);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationSummary s : sweep) {
            List<Double> se = sPerK.getOrDefault(s.k(), List.of());
            long votesHere = votes.getOrDefault(s.k(), 0);
            rows.add(List.of(Integer.toString(s.k()), cell(s.metric(SPLIT, "gap")),
                    se.isEmpty() ? "n/a" : Numbers.short4(se.stream().mapToDouble(Double::doubleValue).average()
                            .orElse(Double.NaN)), Long.toString(votesHere)));
        }
        List<String> columns = List.of("Gap", "s (mean)", "seeds picking K");
        double[][] curve = curve(sweep, "gap");
        if (bySeed.isEmpty()) {
            return new Criterion("gap statistic", rule, columns, rows, curve, null,
                    "not measured (add `gap` to `metrics`)");
        }
        if (bySeed.values().stream().allMatch(c -> c.size() < 2)) {
            return new Criterion("gap statistic", rule, columns, rows, curve, null,
                    "needs the gap at 2 K values or more of one seed");
        }
        if (votes.isEmpty()) {
            return new Criterion("gap statistic", rule, columns, rows, curve, null, "on every seed, Gap(K) < Gap(next K) − s(next K) "
                    + "at every K: the gap still rises at the largest K (sweep larger K; R's clusGap would report "
                    + "the largest K)");
        }
        int pick = votes.keySet().iterator().next();
        for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
            if (e.getValue() > votes.get(pick)) {
                pick = e.getKey(); // strictly more votes: ties stay with the smaller K
            }
        }
        return new Criterion("gap statistic", rule, columns, rows, curve, pick, "per seed: "
                + String.join(", ", seedPicks));
    }

    /**
     * Tibshirani, Walther and Hastie's rule on one seed's gap curve: the smallest {@code ks[i]} with
     * {@code gap[i] >= gap[i + 1] - se[i + 1]}; {@code null} when no K satisfies it (where R's
     * {@code maxSE(method = "Tibs2001SEmax")} falls back to the largest K).
     */
    static Integer gapPick(int[] ks, double[] gap, double[] se) {
        for (int i = 0; i + 1 < ks.length; i++) {
            if (gap[i] >= gap[i + 1] - se[i + 1]) {
                return ks[i];
            }
        }
        return null;
    }

    static Criterion stability(List<ConfigurationSummary> sweep) {
        String rule = "highest mean pairwise ARI between seeds (favours small K)";
        List<List<String>> rows = new ArrayList<>();
        List<Integer> ks = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        double[][] curve = new double[4][sweep.size()];
        for (int i = 0; i < sweep.size(); i++) {
            ConfigurationSummary s = sweep.get(i);
            Summary m = s.stability();
            boolean usable = m.n() > 0 && Double.isFinite(m.mean()) && s.k() > 1;
            rows.add(List.of(Integer.toString(s.k()), m.n() == 0 ? "n/a" : Numbers.meanSd(m.mean(), m.sd())));
            curve[0][i] = s.k();
            curve[1][i] = m.n() == 0 ? Double.NaN : m.mean();
            curve[2][i] = m.n() == 0 ? Double.NaN : m.ciLow();
            curve[3][i] = m.n() == 0 ? Double.NaN : m.ciHigh();
            if (usable) {
                ks.add(s.k());
                values.add(m.mean());
            }
        }
        List<String> columns = List.of("ARI between seeds");
        if (sweep.stream().allMatch(s -> s.stability().n() == 0)) {
            boolean oneSeed = sweep.stream().allMatch(s -> s.runs() < 2);
            return new Criterion("stability", rule, columns, rows, curve, null, oneSeed
                    ? "one seed per K: stability needs 2 seeds or more" : "no label files of the runs to compare");
        }
        if (ks.size() < 2) {
            return new Criterion("stability", rule, columns, rows, curve, null,
                    "needs 2 K values above 1 with 2 seeds or more, has " + ks.size());
        }
        int best = argBest(values.stream().mapToDouble(Double::doubleValue).toArray(), true);
        return new Criterion("stability", rule, columns, rows, curve, ks.get(best), "");
    }

    // ---- helpers ----

    /** Index of the highest (or lowest) value; ties to the first (the smaller K). */
    static int argBest(double[] values, boolean highest) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (highest ? values[i] > values[best] : values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** K, mean, mean - sd and mean + sd of {@code metric} across seeds (NaN where not measured). */
    private static double[][] curve(List<ConfigurationSummary> sweep, String metric) {
        double[][] c = new double[4][sweep.size()];
        for (int i = 0; i < sweep.size(); i++) {
            Summary m = sweep.get(i).metric(SPLIT, metric);
            boolean has = m != null && m.n() > 0;
            boolean spread = has && m.n() > 1 && Double.isFinite(m.sd());
            c[0][i] = sweep.get(i).k();
            c[1][i] = has ? m.mean() : Double.NaN;
            c[2][i] = spread ? m.mean() - m.sd() : Double.NaN;
            c[3][i] = spread ? m.mean() + m.sd() : Double.NaN;
        }
        return c;
    }

    private static String cell(Summary m) {
        return m == null || m.n() == 0 ? "n/a" : Numbers.meanSd(m.mean(), m.sd());
    }

    // ---- text ----

    /** The sweep's name for people: {@code fashion-mnist: kmeans-k++ (init=k-means++) on pixels}. */
    public String title() {
        return dataset + ": " + series + (first.transforms() == null || first.transforms().isEmpty()
                ? " on " + first.featureSet() : "");
    }

    /** The {@code summary.md} section: one table of picks per sweep, "" when there is no sweep. */
    public static String markdown(List<ChoosingK> sweeps) {
        if (sweeps.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Choosing K\n\nWhich K each criterion picks in every K sweep, "
                + "on the training split (means across seeds; report.html has the values at every K).\n");
        for (ChoosingK c : sweeps) {
            sb.append("\n### ").append(c.title()).append(" (K = ").append(ksText(c.ks())).append(")\n\n")
                    .append("| criterion | rule | picks |\n|---|---|---|\n");
            for (Criterion cr : c.criteria()) {
                sb.append("| ").append(md(cr.name())).append(" | ").append(md(cr.rule())).append(" | ")
                        .append(md(cr.verdict())).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Header of {@code choosing-k.csv}. */
    public static final String CSV_HEADER = "dataset,transforms,algorithm,parameters,criterion,k,value,low,high,pick,note";

    /**
     * {@code choosing-k.csv}: one line per sweep, criterion and K with the value drawn (mean across
     * seeds), its band ({@code low}, {@code high}: mean ± sd, or the stability's bootstrap interval)
     * and the criterion's pick (empty when none; {@code note} says why).
     */
    public static String csv(List<ChoosingK> sweeps) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (ChoosingK c : sweeps) {
            for (Criterion cr : c.criteria()) {
                for (int i = 0; i < cr.curve()[0].length; i++) {
                    sb.append(Csv.field(c.first().dataset())).append(',').append(Csv.field(c.first().featureSet()))
                            .append(',').append(Csv.field(c.first().algorithm())).append(',')
                            .append(Csv.field(c.first().parametersText())).append(',').append(Csv.field(cr.name()))
                            .append(',').append((int) cr.curve()[0][i]).append(',')
                            .append(Numbers.exact(cr.curve()[1][i])).append(',').append(Numbers.exact(cr.curve()[2][i]))
                            .append(',').append(Numbers.exact(cr.curve()[3][i])).append(',')
                            .append(cr.pick() == null ? "" : cr.pick().toString()).append(',')
                            .append(Csv.field(cr.note())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String ksText(List<Integer> ks) {
        return String.join(", ", ks.stream().map(String::valueOf).toList());
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }
}
