/**
 * Statistics across seeds: descriptive {@link org.imageclustering.reporting.stats.Summary}s with
 * bootstrap intervals ({@link org.imageclustering.reporting.stats.SeedBootstrap}), and paired comparisons
 * of two configurations on matched seeds (t-test, Wilcoxon signed-rank, Holm's correction).
 */
package org.imageclustering.reporting.stats;
