/**
 * The expansion of an experiment into runs: every dataset x feature set x algorithm (grid point) x
 * K x seed, each with its derived seeds and a stable run id, printable as a dry run.
 *
 * <p>Depends on {@code spec} only.
 */
package org.imageclustering.experiments.plan;
