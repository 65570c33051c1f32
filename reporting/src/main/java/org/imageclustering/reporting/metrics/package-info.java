/**
 * The built-in clustering metrics and their registry {@link org.imageclustering.reporting.metrics.Metrics}
 * (the names experiment files use, in report order). External metrics need true labels and score a
 * {@link org.imageclustering.reporting.metrics.Contingency} table ({@link
 * org.imageclustering.reporting.metrics.ExternalMetric}): purity, matched accuracy, NMI, AMI, ARI,
 * homogeneity, completeness, V-measure, Fowlkes-Mallows. Internal metrics look at geometry only:
 * distortion, mean distortion, silhouette, Calinski-Harabasz, Davies-Bouldin, and the gap statistic
 * ({@link org.imageclustering.reporting.metrics.GapStatistic}, which clusters reference datasets and
 * is computed only when asked for by name).
 */
package org.imageclustering.reporting.metrics;
