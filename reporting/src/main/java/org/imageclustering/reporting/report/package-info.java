/**
 * Everything built from a results folder: per-run artifacts (labels, contingency tables, pictures;
 * {@link org.imageclustering.reporting.report.RunArtifacts}), summaries across seeds
 * ({@link org.imageclustering.reporting.report.Summaries}), rankings and paired comparisons, the K each
 * criterion picks in a K sweep ({@link org.imageclustering.reporting.report.ChoosingK}), and the files
 * people and machines read ({@code summary.csv}, {@code summary.md}, {@code report.html}, comparisons of two
 * folders), written by {@link org.imageclustering.reporting.report.Reports}. Plots are plain SVG
 * ({@link org.imageclustering.reporting.report.Svg}).
 */
package org.imageclustering.reporting.report;
