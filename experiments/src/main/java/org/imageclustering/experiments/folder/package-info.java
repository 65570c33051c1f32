/**
 * An experiment's results folder: its lifecycle in one invocation
 * ({@link org.imageclustering.experiments.folder.ResultsFolder}: lock, {@code -Dfresh} move,
 * creation, cleanup), the lock itself, {@code manifest.json}, {@code logs/run.log}, the rule for
 * resuming in a folder that holds other results, how a planned run is named in its record, and
 * how a failure to write results is reported. The records themselves are the reporting module's
 * {@code RunLog}.
 *
 * <p>Depends on {@code spec} and {@code plan}.
 */
package org.imageclustering.experiments.folder;
