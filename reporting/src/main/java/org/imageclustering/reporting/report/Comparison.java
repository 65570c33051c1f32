package org.imageclustering.reporting.report;

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
 * A comparison of two experiments' results folders ({@code -Dcompare=A,B}): one summary table of
 * both, and paired tests (matched seed indices) between every configuration of A and every
 * configuration of B that share a dataset and K, for every metric both measured, Holm-corrected
 * within each metric; feature-space metrics (distortion, silhouette, ...) only between
 * configurations on the same feature set.
 *
 * <p>Writes {@code comparison.md} and {@code comparison.csv} (the paired tests) and
 * {@code comparison-summary.csv} (both summaries, with a column naming the experiment) into the
 * output folder.
 */
public final class Comparison {
    public static final String MARKDOWN = "comparison.md";
    public static final String CSV = "comparison.csv";
    public static final String SUMMARY_CSV = "comparison-summary.csv";

    private Comparison() {
    }

    /**
     * What {@link #compare} produced.
     *
     * @param rows          the paired tests
     * @param consoleText   the Markdown text, to print
     */
    public record Result(Path markdown, Path csv, Path summaryCsv, List<PairedComparisons.Row> rows,
                         String consoleText) {
    }

    /** Compares results folders {@code resultsA} and {@code resultsB}, writing into {@code out}. */
    public static Result compare(Path resultsA, Path resultsB, Path out) {
        Objects.requireNonNull(out, "out");
        Loaded a = load(resultsA);
        Loaded b = load(resultsB);
        String nameA = Reports.title(resultsA, Reports.readManifest(resultsA), a.records());
        String nameB = Reports.title(resultsB, Reports.readManifest(resultsB), b.records());
        if (nameA.equals(nameB)) {
            nameA = "A:" + nameA;
            nameB = "B:" + nameB;
        }
        List<String> metrics = new ArrayList<>(Summaries.metricColumns(a.summaries()));
        metrics.retainAll(Summaries.metricColumns(b.summaries()));
        metrics.removeIf(m -> Metrics.isDetail(m.substring(m.indexOf('.') + 1)));
        List<PairedComparisons.Row> rows = PairedComparisons.compare(
                PairedComparisons.sides(nameA + ": ", a.summaries(), a.records()),
                PairedComparisons.sides(nameB + ": ", b.summaries(), b.records()), metrics);

        StringBuilder md = new StringBuilder("# Comparison: ").append(nameA).append(" vs ").append(nameB).append("\n\n");
        md.append("## ").append(nameA).append("\n\n").append(body(SummaryTables.markdown(nameA, a.summaries())));
        md.append("\n## ").append(nameB).append("\n\n").append(body(SummaryTables.markdown(nameB, b.summaries())));
        md.append("\n## Paired tests on matched seeds\n\n");
        if (rows.isEmpty()) {
            md.append("No configuration of ").append(nameA).append(" shares a dataset (with the same number of training images) and K with one of ")
                    .append(nameB).append(" on matched seed indices.\n");
        } else {
            md.append("A is ").append(nameA).append(", B is ").append(nameB).append("; wins count where A is better "
                    + "(lower distortion / Davies-Bouldin, higher otherwise).\n\n")
                    .append(PairedComparisons.methodsText(rows)).append("\n\n");
            md.append(PairedComparisons.markdown(rows));
        }
        StringBuilder summaryCsv = new StringBuilder("experiment,").append(SummaryTables.CSV_HEADER).append('\n');
        appendWithName(summaryCsv, nameA, SummaryTables.csv(a.summaries()));
        appendWithName(summaryCsv, nameB, SummaryTables.csv(b.summaries()));

        Path mdFile = out.resolve(MARKDOWN);
        Path csvFile = out.resolve(CSV);
        Path summaryFile = out.resolve(SUMMARY_CSV);
        AtomicFiles.writeString(mdFile, md.toString());
        AtomicFiles.writeString(csvFile, PairedComparisons.csv(rows));
        AtomicFiles.writeString(summaryFile, summaryCsv.toString());
        return new Result(mdFile, csvFile, summaryFile, rows, md.toString());
    }

    private record Loaded(List<RunRecord> records, List<ConfigurationSummary> summaries) {
    }

    private static Loaded load(Path dir) {
        if (!Files.exists(dir.resolve(RunLog.FILE_NAME))) {
            throw new IllegalArgumentException(dir + " holds no " + RunLog.FILE_NAME
                    + ": -Dcompare needs two experiments' results folders, e.g. results/a,results/b");
        }
        List<RunRecord> records = RunLog.in(dir).readLatest();
        return new Loaded(records, Summaries.summarize(records, new RunArtifacts(dir)));
    }

    /** The Markdown summary without its title line. */
    private static String body(String markdown) {
        int nl = markdown.indexOf('\n');
        return markdown.substring(nl + 1).stripLeading();
    }

    private static void appendWithName(StringBuilder sb, String name, String csv) {
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            sb.append(Csv.field(name)).append(',').append(lines[i]).append('\n');
        }
    }
}
