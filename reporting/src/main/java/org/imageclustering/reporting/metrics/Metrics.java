package org.imageclustering.reporting.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.imageclustering.core.Suggestions;
import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;
import org.imageclustering.reporting.RunRecord;

/**
 * The standard metrics by the names experiment files use, in report order, and a way to score a
 * list of them on one split; {@link #factories()} lets a dependency injector bind the same names.
 */
public final class Metrics {
    private static final Map<String, Supplier<Metric>> FACTORIES;
    private static final List<String> STANDARD;

    static {
        Map<String, Supplier<Metric>> f = new LinkedHashMap<>();
        register(f, "distortion", Distortion::new);
        register(f, "mean-distortion", MeanDistortion::new);
        register(f, "purity", Purity::new);
        register(f, "accuracy", MatchedAccuracy::new);
        register(f, "nmi", NormalizedMutualInformation::new);
        register(f, "ami", AdjustedMutualInformation::new);
        register(f, "ari", AdjustedRandIndex::new);
        register(f, "homogeneity", Homogeneity::new);
        register(f, "completeness", Completeness::new);
        register(f, "v-measure", VMeasure::new);
        register(f, "fowlkes-mallows", FowlkesMallows::new);
        register(f, "silhouette", Silhouette::new);
        register(f, "calinski-harabasz", CalinskiHarabasz::new);
        register(f, "davies-bouldin", DaviesBouldin::new);
        STANDARD = List.copyOf(f.keySet());
        // Other normalisations of NMI and AMI: selectable by name, not part of the default list.
        register(f, "nmi-geometric", () -> new NormalizedMutualInformation(Information.Average.GEOMETRIC));
        register(f, "nmi-min", () -> new NormalizedMutualInformation(Information.Average.MIN));
        register(f, "nmi-max", () -> new NormalizedMutualInformation(Information.Average.MAX));
        register(f, "ami-geometric", () -> new AdjustedMutualInformation(Information.Average.GEOMETRIC));
        register(f, "ami-min", () -> new AdjustedMutualInformation(Information.Average.MIN));
        register(f, "ami-max", () -> new AdjustedMutualInformation(Information.Average.MAX));
        // Clusters GapStatistic.DEFAULT_REFERENCES reference datasets per run and split: asked for by name only.
        register(f, "gap", GapStatistic::new);
        FACTORIES = Collections.unmodifiableMap(f);
    }

    /** Metrics for which a lower value is better; for every other metric higher is better. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("distortion", "mean-distortion", "davies-bouldin");

    private Metrics() {
    }

    private static void register(Map<String, Supplier<Metric>> f, String name, Supplier<Metric> factory) {
        f.put(name, factory);
    }

    /** Every standard metric name, in report order: the default {@code metrics:} list. */
    public static List<String> names() {
        return STANDARD;
    }

    /**
     * Every name that may be asked for: the standard ones, then the other normalisations of NMI and
     * AMI ({@code nmi-geometric}, {@code nmi-min}, {@code nmi-max}, {@code ami-geometric},
     * {@code ami-min}, {@code ami-max}) and the gap statistic ({@code gap}).
     */
    public static List<String> allNames() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * Name to factory for every name of {@link #allNames()}, in that order (for Guice {@code MapBinder}s:
     * metrics hold no state, so one instance per name serves every run).
     */
    public static Map<String, Supplier<Metric>> factories() {
        return FACTORIES;
    }

    /**
     * Whether metric {@code name} belongs in an experiment that lists no {@code metrics}: every
     * standard metric and every metric bound from outside the built-in list, but not the other
     * normalisations of NMI and AMI nor {@code gap} (which clusters reference datasets in every
     * run), which are computed only when listed.
     */
    public static boolean inDefaultList(String name) {
        return !isKnown(name) || STANDARD.contains(name);
    }

    /** How a fact recorded beside a score is named: {@code silhouette-sample-size}. */
    public static final String DETAIL_SUFFIX = "-sample-size";
    /** How a score's standard error recorded beside it is named: {@code gap-se}. */
    public static final String SE_SUFFIX = "-se";

    /**
     * Whether the recorded value {@code name} is a fact about a score (a sample size, a standard
     * error) rather than a score. Every other recorded name is a score, including metrics bound
     * from outside the built-in list, which are summarised like the built-in ones.
     */
    public static boolean isDetail(String name) {
        return (name.endsWith(DETAIL_SUFFIX) || name.endsWith(SE_SUFFIX)) && !isKnown(name);
    }

    /** Whether {@code name} is a metric of {@link #allNames()}. */
    public static boolean isKnown(String name) {
        return FACTORIES.containsKey(name);
    }

    /** A new instance of the standard metric {@code name}, or an error listing the names with a suggestion. */
    public static Metric create(String name) {
        Supplier<Metric> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'"
                    + Suggestions.hint(name, FACTORIES.keySet()) + "; known metrics: "
                    + String.join(", ", FACTORIES.keySet()));
        }
        return f.get();
    }

    /** Whether the standard metric {@code name} needs true labels. */
    public static boolean isExternal(String name) {
        return create(name).external();
    }

    /** The standard metrics that need true labels, in report order. */
    public static List<String> externalNames() {
        List<String> out = new ArrayList<>();
        for (String n : STANDARD) {
            if (isExternal(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The standard metrics that look at geometry only, in report order. */
    public static List<String> internalNames() {
        List<String> out = new ArrayList<>(STANDARD);
        out.removeAll(externalNames());
        return out;
    }

    /**
     * Whether metric {@code name} is measured in the feature space the algorithm saw (every
     * geometry-only metric: distortion, mean distortion, silhouette, Calinski-Harabasz,
     * Davies-Bouldin), so that values from two feature sets (pixels, PCA to 50 components) are on
     * different scales and must not be compared. Names that are not metrics (details such as
     * {@code silhouette-sample-size}) count as feature-space dependent.
     */
    public static boolean dependsOnFeatureSpace(String name) {
        return !isKnown(name) || !isExternal(name);
    }

    /**
     * The values a metric can take, {@code [low, high]} (infinite where unbounded): a confidence
     * interval is cut to it.
     */
    public record Range(double low, double high) {
        static final Range UNBOUNDED = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY);
        static final Range UNIT = new Range(0, 1);
    }

    /** The range of metric {@code name} (ARI: [-0.5, 1]); unbounded for names that are not metrics. */
    public static Range range(String name) {
        if (name.startsWith("nmi")) {
            return Range.UNIT;
        }
        if (name.startsWith("ami")) {
            return new Range(Double.NEGATIVE_INFINITY, 1); // AMI is below 0 when worse than chance
        }
        return switch (name) {
            case "distortion", "mean-distortion", "calinski-harabasz", "davies-bouldin" -> Range.NON_NEGATIVE;
            case "purity", "accuracy", "homogeneity", "completeness", "v-measure", "fowlkes-mallows" -> Range.UNIT;
            case "ari", "stability" -> new Range(-0.5, 1);
            case "silhouette" -> new Range(-1, 1);
            default -> Range.UNBOUNDED;
        };
    }

    /** Whether a lower value of metric {@code name} is better (distortion, Davies-Bouldin). */
    public static boolean lowerIsBetter(String name) {
        return LOWER_IS_BETTER.contains(name);
    }

    /**
     * Scores every metric of {@code metrics} (name to instance, in order) on one split. External
     * metrics are skipped when the split has no labels; details such as silhouette's sample size
     * are added under their own names. The result is what goes into {@link RunRecord#metrics()}
     * for the split.
     */
    public static Map<String, Double> scoreAll(Map<String, ? extends Metric> metrics, MetricInput input) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Metric> e : metrics.entrySet()) {
            Metric m = e.getValue();
            if (m.external() && !input.hasTruth()) {
                continue;
            }
            out.putAll(m.scoreWithDetails(e.getKey(), input));
        }
        return out;
    }

    /** {@link #scoreAll(Map, MetricInput)} over standard metrics given by name. */
    public static Map<String, Double> scoreAll(List<String> names, MetricInput input) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (String n : names) {
            metrics.put(n, create(n));
        }
        return scoreAll(metrics, input);
    }
}
