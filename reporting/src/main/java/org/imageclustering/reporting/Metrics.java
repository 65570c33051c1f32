package org.imageclustering.reporting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.imageclustering.core.Suggestions;
import org.imageclustering.reporting.metrics.AdjustedMutualInformation;
import org.imageclustering.reporting.metrics.AdjustedRandIndex;
import org.imageclustering.reporting.metrics.CalinskiHarabasz;
import org.imageclustering.reporting.metrics.Completeness;
import org.imageclustering.reporting.metrics.DaviesBouldin;
import org.imageclustering.reporting.metrics.Distortion;
import org.imageclustering.reporting.metrics.FowlkesMallows;
import org.imageclustering.reporting.metrics.Homogeneity;
import org.imageclustering.reporting.metrics.MatchedAccuracy;
import org.imageclustering.reporting.metrics.MeanDistortion;
import org.imageclustering.reporting.metrics.NormalizedMutualInformation;
import org.imageclustering.reporting.metrics.Purity;
import org.imageclustering.reporting.metrics.Silhouette;
import org.imageclustering.reporting.metrics.VMeasure;

/**
 * The standard metrics by the names experiment files use, in report order, and a way to score a
 * list of them on one split. Each is a public class with a no-arg constructor, so a dependency
 * injector can bind the same names ({@link #classes()}).
 */
public final class Metrics {
    private static final Map<String, Class<? extends Metric>> CLASSES;
    private static final Map<String, Supplier<Metric>> FACTORIES;
    private static final List<String> STANDARD;

    static {
        Map<String, Class<? extends Metric>> c = new LinkedHashMap<>();
        Map<String, Supplier<Metric>> f = new LinkedHashMap<>();
        register(c, f, "distortion", Distortion.class, Distortion::new);
        register(c, f, "mean-distortion", MeanDistortion.class, MeanDistortion::new);
        register(c, f, "purity", Purity.class, Purity::new);
        register(c, f, "accuracy", MatchedAccuracy.class, MatchedAccuracy::new);
        register(c, f, "nmi", NormalizedMutualInformation.class, NormalizedMutualInformation::new);
        register(c, f, "ami", AdjustedMutualInformation.class, AdjustedMutualInformation::new);
        register(c, f, "ari", AdjustedRandIndex.class, AdjustedRandIndex::new);
        register(c, f, "homogeneity", Homogeneity.class, Homogeneity::new);
        register(c, f, "completeness", Completeness.class, Completeness::new);
        register(c, f, "v-measure", VMeasure.class, VMeasure::new);
        register(c, f, "fowlkes-mallows", FowlkesMallows.class, FowlkesMallows::new);
        register(c, f, "silhouette", Silhouette.class, Silhouette::new);
        register(c, f, "calinski-harabasz", CalinskiHarabasz.class, CalinskiHarabasz::new);
        register(c, f, "davies-bouldin", DaviesBouldin.class, DaviesBouldin::new);
        STANDARD = List.copyOf(c.keySet());
        // Other normalisations of NMI and AMI: selectable by name, not part of the default list.
        register(c, f, "nmi-geometric", NormalizedMutualInformation.Geometric.class, NormalizedMutualInformation.Geometric::new);
        register(c, f, "nmi-min", NormalizedMutualInformation.Min.class, NormalizedMutualInformation.Min::new);
        register(c, f, "nmi-max", NormalizedMutualInformation.Max.class, NormalizedMutualInformation.Max::new);
        register(c, f, "ami-geometric", AdjustedMutualInformation.Geometric.class, AdjustedMutualInformation.Geometric::new);
        register(c, f, "ami-min", AdjustedMutualInformation.Min.class, AdjustedMutualInformation.Min::new);
        register(c, f, "ami-max", AdjustedMutualInformation.Max.class, AdjustedMutualInformation.Max::new);
        CLASSES = Collections.unmodifiableMap(c);
        FACTORIES = Collections.unmodifiableMap(f);
    }

    /** Metrics for which a lower value is better; for every other metric higher is better. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("distortion", "mean-distortion", "davies-bouldin");

    private Metrics() {
    }

    private static void register(Map<String, Class<? extends Metric>> c, Map<String, Supplier<Metric>> f,
                                 String name, Class<? extends Metric> type, Supplier<Metric> factory) {
        c.put(name, type);
        f.put(name, factory);
    }

    /** Every standard metric name, in report order: the default {@code metrics:} list. */
    public static List<String> names() {
        return STANDARD;
    }

    /**
     * Every name that may be asked for: the standard ones, then the other normalisations of NMI and
     * AMI ({@code nmi-geometric}, {@code nmi-min}, {@code nmi-max}, {@code ami-geometric},
     * {@code ami-min}, {@code ami-max}).
     */
    public static List<String> allNames() {
        return List.copyOf(CLASSES.keySet());
    }

    /** Name to implementing class for every name of {@link #allNames()} (for Guice {@code MapBinder}s). */
    public static Map<String, Class<? extends Metric>> classes() {
        return CLASSES;
    }

    /** Whether {@code name} is a metric of {@link #allNames()}. */
    public static boolean isKnown(String name) {
        return CLASSES.containsKey(name);
    }

    /** A new instance of the standard metric {@code name}, or an error listing the names with a suggestion. */
    public static Metric create(String name) {
        Supplier<Metric> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'"
                    + Suggestions.hint(name, CLASSES.keySet()) + "; known metrics: "
                    + String.join(", ", CLASSES.keySet()));
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
