package org.imageclustering.reporting.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.imageclustering.reporting.AtomicFiles;
import org.imageclustering.reporting.RunLog;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Metrics;

/**
 * Rebuilds every report of an experiment from its results folder alone: {@code runs.jsonl},
 * {@code manifest.json} (optional) and the run artifacts under {@code runs/}. Nothing is rerun, so
 * {@code -Dreport=<results folder>} and the end of an experiment produce the same files.
 *
 * <p>Writes {@code summary.csv}, {@code summary.md}, {@code choosing-k.csv} (the K each criterion
 * picks in every K sweep, {@link ChoosingK}), {@code report.html} (self-contained) and
 * {@code images/} (every chart as SVG, the best seeds' pictures as PNG), each atomically.
 */
public final class Reports {
    /** File names inside the results folder. */
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";
    public static final String REPORT_HTML = "report.html";
    public static final String IMAGES = "images";
    public static final String MANIFEST = "manifest.json";
    public static final String CHOOSING_K_CSV = "choosing-k.csv";

    /** Metrics compared pairwise between configurations inside one report, when measured. */
    static final List<String> PAIRED_METRICS = List.of("train.distortion", "train.accuracy", "train.nmi", "train.ari",
            "test.accuracy", "test.nmi");

    private Reports() {
    }

    /**
     * What {@link #writeAll} produced.
     *
     * @param summaries     one per configuration
     * @param consoleTable  the table to print at the end of a run
     */
    public record Written(Path summaryCsv, Path summaryMarkdown, Path html, Path imagesDir,
                         List<ConfigurationSummary> summaries, String consoleTable) {
    }

    /** Reads the results folder and writes every report file; returns them with the console table. */
    public static Written writeAll(Path resultsDir) {
        Objects.requireNonNull(resultsDir, "resultsDir");
        if (!Files.isDirectory(resultsDir)) {
            throw new IllegalArgumentException("results folder " + resultsDir + " does not exist");
        }
        Path log = resultsDir.resolve(RunLog.FILE_NAME);
        if (!Files.exists(log)) {
            throw new IllegalArgumentException(resultsDir + " holds no " + RunLog.FILE_NAME
                    + ": is it an experiment's results folder (results/<experiment>)?");
        }
        List<RunRecord> records = RunLog.in(resultsDir).readLatest();
        JsonNode manifest = readManifest(resultsDir);
        RunArtifacts artifacts = new RunArtifacts(resultsDir);
        List<ConfigurationSummary> summaries = Summaries.summarize(records, artifacts);
        String title = title(resultsDir, manifest, records);

        Path csv = resultsDir.resolve(SUMMARY_CSV);
        Path md = resultsDir.resolve(SUMMARY_MD);
        Path html = resultsDir.resolve(REPORT_HTML);
        Path images = resultsDir.resolve(IMAGES);
        AtomicFiles.writeString(csv, SummaryTables.csv(summaries));
        List<ChoosingK> sweeps = ChoosingK.of(summaries, records);
        AtomicFiles.writeString(md, SummaryTables.markdown(title, summaries) + ChoosingK.markdown(sweeps));
        AtomicFiles.writeString(resultsDir.resolve(CHOOSING_K_CSV), ChoosingK.csv(sweeps));
        List<PairedComparisons.Side> sides = PairedComparisons.sides("", summaries, records);
        List<String> columns = Summaries.metricColumns(summaries);
        List<String> pairedMetrics = new ArrayList<>(PAIRED_METRICS);
        pairedMetrics.retainAll(columns);
        List<PairedComparisons.Row> paired = PairedComparisons.compare(sides, sides, pairedMetrics);
        try {
            Files.createDirectories(images);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + images, e);
        }
        AtomicFiles.writeString(html, new HtmlReport(title, summaries, records, artifacts, manifest, paired, images)
                .render());
        return new Written(csv, md, html, images, summaries, SummaryTables.console(summaries));
    }

    /** The console table of a results folder, without writing anything. */
    public static String consoleTable(Path resultsDir) {
        List<RunRecord> records = RunLog.in(resultsDir).readLatest();
        return SummaryTables.console(Summaries.summarize(records, new RunArtifacts(resultsDir)));
    }

    /** Reads {@code manifest.json} as a plain tree: no binding, so no mapper setting changes what it reads. */
    private static final ObjectMapper MANIFEST_READER = new ObjectMapper();

    /** {@code manifest.json} as a tree, or {@code null} when absent. */
    static JsonNode readManifest(Path resultsDir) {
        Path file = resultsDir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MANIFEST_READER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    static String title(Path resultsDir, JsonNode manifest, List<RunRecord> records) {
        if (manifest != null && manifest.hasNonNull("experiment") && manifest.get("experiment").isTextual()) {
            return manifest.get("experiment").asText();
        }
        if (!records.isEmpty() && records.get(0).experiment() != null) {
            return records.get(0).experiment();
        }
        Path name = resultsDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "experiment" : name.toString();
    }
}
