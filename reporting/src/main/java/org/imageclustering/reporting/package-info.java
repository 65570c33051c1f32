/**
 * What code outside the reporting module writes against: the one-method
 * {@link org.imageclustering.reporting.Metric} and its {@link org.imageclustering.reporting.MetricInput},
 * the {@link org.imageclustering.reporting.RunRecord} of one finished run and the
 * {@link org.imageclustering.reporting.RunLog} ({@code runs.jsonl}) that holds them, and
 * {@link org.imageclustering.reporting.AtomicFiles} for writing a file whole or not at all.
 *
 * <p>The packages below depend on this one and never the other way round: {@code metrics} holds the
 * built-in metrics and their registry, {@code stats} the statistics across seeds, {@code report} the
 * summaries, comparisons and report files built from a results folder.
 */
package org.imageclustering.reporting;
