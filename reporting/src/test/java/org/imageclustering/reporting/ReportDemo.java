package org.imageclustering.reporting;

import java.nio.file.Path;

/**
 * Writes a demonstration results folder and its report (blobs drawn as 4x4 images, two
 * configurations, K = 2..4, 3 seeds) to the folder given as the first argument, for looking at
 * the HTML in a browser (see reporting/scripts/screenshot-report.sh). Not a test.
 */
public final class ReportDemo {
    private ReportDemo() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-demo");
        ReportsEndToEndTest.runExperiment(out, "kmeans", 1);
        ReportsEndToEndTest.runExperiment(out, "kmeans-restarts", 3);
        Reports.Written w = Reports.writeAll(out);
        System.out.print(w.consoleTable());
        System.out.println(w.html().toAbsolutePath());
    }
}
