package org.imageclustering.experiments.spec;

import java.util.List;

/**
 * Every default of the experiment file, in one place; the README's experiment-file reference
 * quotes these values.
 */
public final class Defaults {
    private Defaults() {
    }

    /** {@code output}: the folder that holds one sub-folder per experiment. */
    public static final String OUTPUT = "results";
    /** {@code repeats}: runs per configuration when no {@code seeds} list is given. */
    public static final int REPEATS = 3;
    /** {@code base-seed}: root seed of repeat 0; repeat {@code i} uses {@code base-seed + i}. */
    public static final long BASE_SEED = 42;
    /** {@code data-seed}: root seed of the shared data preparation ({@code limit} subsample, fitted transforms). */
    public static final long DATA_SEED = 0;
    /** {@code evaluate-on}: the splits scored (a split the dataset lacks is skipped with a note). */
    public static final List<String> EVALUATE_ON = List.of("train", "test");
    /** {@code threads}: 0 means one per available processor. */
    public static final int THREADS = 0;
    /** {@code parallel-runs}: runs executed at the same time; the threads are shared out between them. */
    public static final int PARALLEL_RUNS = 1;
    /** {@code dataset.raw}: keep stored pixel values (0..255) instead of scaling to [0, 1]. */
    public static final boolean RAW = false;
    /** The feature-set name used when the file has neither {@code transforms} nor {@code feature-sets}. */
    public static final String RAW_FEATURE_SET = org.imageclustering.reporting.report.ConfigurationSummary.DEFAULT_FEATURE_SET;
    /** {@code k} range step when {@code {from, to}} has no {@code step}. */
    public static final int K_STEP = 1;
    /**
     * Most runs one experiment may plan. Checked from the axis sizes before anything is expanded, so
     * that {@code k: {from: 1, to: 2000000000}} is a message at its key and not minutes of work ending
     * out of memory; a bigger sweep is better split into several experiments.
     */
    public static final int MAX_RUNS = 100_000;
    /** Smallest K accepted. */
    public static final int MIN_K = 1;
    /** {@code metrics}: an empty list means every registered metric (those that do not apply are left out). */
    public static final List<String> METRICS = List.of();

    /** The thread count {@link #THREADS} stands for on this machine. */
    public static int threads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }
}
