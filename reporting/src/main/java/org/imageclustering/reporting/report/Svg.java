package org.imageclustering.reporting.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts for the HTML report: line charts with optional confidence
 * bands, and heatmaps. Written by hand rather than through a charting library because the report
 * must be one self-contained, diffable file: inline SVG is crisp at any zoom, a few kilobytes, and
 * its text is deterministic (same runs, same bytes). Coordinates are printed with
 * {@link Locale#ROOT}.
 */
public final class Svg {
    /** Tableau 10, distinguishable and colour-blind tolerant. */
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Svg() {
    }

    /**
     * One line of a chart; {@code lo}/{@code hi} (may be {@code null}) draw a shaded band, and
     * {@code points} (may be {@code null}) the individual values behind each point of the line
     * ({@code points[i]} at {@code x[i]}, e.g. one per seed) as small open circles.
     */
    public record Series(String name, double[] x, double[] y, double[] lo, double[] hi, double[][] points) {
        public Series {
            if (x.length != y.length || (lo != null && lo.length != x.length) || (hi != null && hi.length != x.length)
                    || (points != null && points.length != x.length)) {
                throw new IllegalArgumentException("series '" + name + "' has arrays of different lengths");
            }
        }

        /** A line without individual values. */
        public Series(String name, double[] x, double[] y, double[] lo, double[] hi) {
            this(name, x, y, lo, hi, null);
        }
    }

    /**
     * A line chart with axes, ticks, labels, bands and (optionally) a legend below the plot;
     * {@code integerX} keeps only whole-number ticks on the x axis.
     */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series, int width,
                                   int height, boolean legend, boolean integerX) {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || !Double.isFinite(s.x()[i])) {
                    continue;
                }
                xmin = Math.min(xmin, s.x()[i]);
                xmax = Math.max(xmax, s.x()[i]);
                ymin = Math.min(ymin, s.y()[i]);
                ymax = Math.max(ymax, s.y()[i]);
                if (s.lo() != null && Double.isFinite(s.lo()[i])) {
                    ymin = Math.min(ymin, s.lo()[i]);
                }
                if (s.hi() != null && Double.isFinite(s.hi()[i])) {
                    ymax = Math.max(ymax, s.hi()[i]);
                }
                if (s.points() != null && s.points()[i] != null) {
                    for (double v : s.points()[i]) {
                        if (Double.isFinite(v)) {
                            ymin = Math.min(ymin, v);
                            ymax = Math.max(ymax, v);
                        }
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        int legendRows = legend ? series.size() : 0;
        int legendH = legendRows == 0 ? 0 : 16 * legendRows + 8;
        int totalH = height + legendH;
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>%s</title>\n",
                width, totalH, width, totalH, esc(title)));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" "
                + "font-weight=\"bold\">%s</text>\n", width / 2, esc(fit(title, width, 7.5))));
        if (xmin > xmax) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no finite values"
                    + "</text>\n</svg>\n", width / 2, height / 2));
            return sb.toString();
        }
        if (xmin == xmax) {
            xmin -= 1;
            xmax += 1;
        }
        if (ymin == ymax) {
            double pad = ymin == 0 ? 1 : Math.abs(ymin) * 0.05;
            ymin -= pad;
            ymax += pad;
        }
        double[] yt = niceTicks(ymin, ymax, 5);
        double[] xt = niceTicks(xmin, xmax, 8);
        if (integerX) {
            // K and iteration numbers are whole: never label 2.2 clusters.
            xt = java.util.Arrays.stream(xt).filter(v -> v == Math.rint(v)).toArray();
            if (xt.length < 2) {
                xt = java.util.stream.IntStream.rangeClosed((int) Math.ceil(xmin), (int) Math.floor(xmax))
                        .asDoubleStream().toArray();
            }
        }
        ymin = Math.min(ymin, yt[0]);
        ymax = Math.max(ymax, yt[yt.length - 1]);
        int left = 64;
        int right = 12;
        int top = 26;
        int bottom = 40;
        Frame f = new Frame(left, top, width - left - right, height - top - bottom, xmin, xmax, ymin, ymax);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>\n", f.left, f.top, f.w, f.h));
        for (double t : yt) {
            if (t < ymin || t > ymax) {
                continue;
            }
            double y = f.py(t);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    f.left, f.left + f.w, y, y, f.left - 4, y + 4, tick(t)));
        }
        for (double t : xt) {
            if (t < xmin || t > xmax) {
                continue;
            }
            double x = f.px(t);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x, x, f.top + f.h, f.top + f.h + 4, x, f.top + f.h + 16, tick(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                f.left + f.w / 2, f.top + f.h + 32, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>\n", f.top + f.h / 2, esc(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String color = PALETTE[s % PALETTE.length];
            if (ser.lo() != null && ser.hi() != null) {
                List<String> upper = new ArrayList<>();
                List<String> lower = new ArrayList<>();
                for (int i = 0; i < ser.x().length; i++) {
                    if (Double.isFinite(ser.lo()[i]) && Double.isFinite(ser.hi()[i])) {
                        upper.add(point(f, ser.x()[i], ser.hi()[i]));
                        lower.add(0, point(f, ser.x()[i], ser.lo()[i]));
                    }
                }
                if (upper.size() > 1) {
                    sb.append("<polygon fill=\"").append(color).append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"")
                            .append(String.join(" ", upper)).append(' ').append(String.join(" ", lower)).append("\"/>\n");
                }
            }
            if (ser.points() != null) {
                for (int i = 0; i < ser.x().length; i++) {
                    if (ser.points()[i] == null || !Double.isFinite(ser.x()[i])) {
                        continue;
                    }
                    for (double v : ser.points()[i]) {
                        if (Double.isFinite(v)) {
                            String[] xy = point(f, ser.x()[i], v).split(",");
                            sb.append("<circle class=\"seed\" cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1])
                                    .append("\" r=\"2\" fill=\"none\" stroke-opacity=\"0.7\" stroke=\"").append(color)
                                    .append("\"/>");
                        }
                    }
                }
                sb.append('\n');
            }
            List<String> pts = new ArrayList<>();
            for (int i = 0; i < ser.x().length; i++) {
                if (Double.isFinite(ser.y()[i])) {
                    pts.add(point(f, ser.x()[i], ser.y()[i]));
                }
            }
            sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\" points=\"")
                    .append(String.join(" ", pts)).append("\"><title>").append(esc(ser.name())).append("</title></polyline>\n");
            if (pts.size() <= 40) {
                for (String p : pts) {
                    String[] xy = p.split(",");
                    sb.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"2.5\" fill=\"")
                            .append(color).append("\"/>");
                }
                sb.append('\n');
            }
        }
        if (legend) {
            for (int s = 0; s < series.size(); s++) {
                int y = height + 4 + 16 * s;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>\n", f.left, y + 4, PALETTE[s % PALETTE.length],
                        f.left + 20, y + 9, esc(fit(series.get(s).name(), width - f.left - 24, 6))));
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /**
     * A heatmap of counts with row and column names; each cell is shaded by its share of its row
     * (so small classes are as readable as large ones) and labelled with its count.
     */
    public static String heatmap(String title, List<String> rowNames, List<String> colNames, long[][] counts) {
        int cell = 34;
        int left = 12 + 7 * rowNames.stream().mapToInt(String::length).max().orElse(4);
        int top = 44;
        int width = Math.max(left + cell * colNames.size() + 12, 8 + (int) Math.ceil(6.5 * title.length()));
        int height = top + cell * rowNames.size() + 28;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"10\" role=\"img\"><title>%s</title>\n",
                width, height, width, height, esc(title)));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%s</text>\n",
                4, esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"32\" text-anchor=\"middle\">cluster</text>\n",
                left + cell * colNames.size() / 2));
        for (int c = 0; c < colNames.size(); c++) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    left + c * cell + cell / 2, top - 2, esc(colNames.get(c))));
        }
        sb.append('\n');
        for (int r = 0; r < rowNames.size(); r++) {
            long rowSum = 0;
            for (long v : counts[r]) {
                rowSum += v;
            }
            int y = top + r * cell;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    left - 4, y + cell / 2 + 4, esc(rowNames.get(r))));
            for (int c = 0; c < colNames.size(); c++) {
                double share = rowSum == 0 ? 0 : (double) counts[r][c] / rowSum;
                int shade = (int) Math.round(255 - share * 200);
                String fill = String.format(Locale.ROOT, "#%02x%02x%02x", shade, shade, 255);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                        + "stroke=\"#fff\"><title>%s, cluster %s: %d (%.1f%% of the class)</title></rect>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%d</text>",
                        left + c * cell, y, cell, cell, fill, esc(rowNames.get(r)), esc(colNames.get(c)), counts[r][c],
                        share * 100, left + c * cell + cell / 2, y + cell / 2 + 4, share > 0.6 ? "#fff" : "#222",
                        counts[r][c]));
            }
            sb.append('\n');
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** {@code text} cut with an ellipsis to about {@code width} pixels at {@code charWidth} per character. */
    static String fit(String text, int width, double charWidth) {
        int max = Math.max(4, (int) (width / charWidth));
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** "Nice" tick positions covering {@code [lo, hi]} (Heckbert, Graphics Gems 1990). */
    static double[] niceTicks(double lo, double hi, int target) {
        double range = nice(hi - lo, false);
        double step = nice(range / Math.max(1, target - 1), true);
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int count = (int) Math.round((end - start) / step) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = start + i * step;
            if (Math.abs(out[i]) < step * 1e-9) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static double nice(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a >= 1e5 && a < 1e8 && v == Math.rint(v / 1000) * 1000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000); // narrow enough for the axis margin
        }
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String point(Frame f, double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f", f.px(x), f.py(y));
    }

    /** XML/HTML text escaping. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private record Frame(int left, int top, int w, int h, double xmin, double xmax, double ymin, double ymax) {
        double px(double x) {
            return left + (x - xmin) / (xmax - xmin) * w;
        }

        double py(double y) {
            return top + h - (y - ymin) / (ymax - ymin) * h;
        }
    }
}
