/**
 * Running a plan: {@link org.imageclustering.experiments.run.ExperimentRunner} (the entry point:
 * run, dry run, replay one run, rebuild reports), the check that every named component accepts
 * its settings, the data cache (each dataset loaded once, each feature set fitted once), the
 * schedule of parallel runs with its progress bar, and one run (fit, score, save, record).
 * {@link org.imageclustering.experiments.run.Registry} holds the components by name.
 *
 * <p>Depends on {@code spec}, {@code plan} and {@code folder}.
 */
package org.imageclustering.experiments.run;
