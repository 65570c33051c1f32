package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.io.NpyFormatException;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.DatasetFormatException;

/**
 * One file of precomputed features read by {@link FeaturesLoader}: the feature rows and, from a CSV
 * file, the optional id and label of each row.
 *
 * @param features one row per item, finite float32 values
 * @param ids      the id column's value of each row, or {@code null} when the file has no id column
 * @param labels   the label column's value of each row, or {@code null} when the file has no label column
 */
public record FeatureTable(FloatMatrix features, int[] ids, int[] labels) {
    public FeatureTable {
        java.util.Objects.requireNonNull(features, "features");
        if (ids != null && ids.length != features.rows() || labels != null && labels.length != features.rows()) {
            throw new IllegalArgumentException("one id and one label per row: " + features.rows() + " rows");
        }
    }

    /** A plain decimal number as numpy and pandas write them; NaN and infinities are told apart below. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** How to read a CSV file: {@code header} is {@code null} to detect it from the first line. */
    record CsvOptions(Boolean header, String idColumn, String labelColumn) {
    }

    /** Reads {@code file} as {@code .npy} or CSV, or in one of {@code formats}, by its extension. */
    static FeatureTable read(Path file, CsvOptions csv, Map<String, FeatureFileFormat> formats) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        FeatureFileFormat format = formats.get(extension(name));
        if (format != null) {
            return format.read(file, csv.idColumn(), csv.labelColumn());
        }
        if (name.endsWith(".npy")) {
            if (csv.idColumn() != null || csv.labelColumn() != null) {
                throw new DatasetFormatException(file.toString(), -1, "id-column and label-column name columns of a "
                        + "CSV file; a .npy file holds features only (give labels through the images block)");
            }
            return new FeatureTable(readNpy(file), null, null);
        }
        if (name.endsWith(".csv")) {
            return readCsv(file, csv);
        }
        if (name.endsWith(".parquet")) {
            throw new DatasetFormatException(file.toString(), -1, "Parquet feature files are read by the Spark engine "
                    + "(the local runner does not carry Hadoop's Parquet reader): run the same experiment file with "
                    + "-Dmaster=local[2], or save the features with numpy.save as .npy");
        }
        throw new DatasetFormatException(file.toString(), -1, "expected a .npy, .csv" + formats.keySet().stream()
                .sorted().map(e -> ", ." + e).reduce("", String::concat) + " file; found the extension of '"
                + file.getFileName() + "'");
    }

    /** What follows the last dot of {@code name}, lower case ("" without one). */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A float32/float64 2-D C-order array; numpy's own checks, as a dataset error. */
    private static FloatMatrix readNpy(Path file) throws IOException {
        try {
            return Npy.readMatrix(file);
        } catch (NpyFormatException e) {
            // Npy's message already starts with the file and the byte or header field: keep it whole
            String prefix = e.byteOffset() >= 0 ? file + " at byte " + e.byteOffset() + ": " : file + ": ";
            String message = e.getMessage();
            String problem = message.startsWith(prefix) ? message.substring(prefix.length())
                    : message.startsWith(file + ", ") ? message.substring(file.toString().length() + 2) : message;
            DatasetFormatException wrapped = new DatasetFormatException(file.toString(), e.byteOffset(), problem);
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private static FeatureTable readCsv(Path file, CsvOptions options) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1); // trailing blank lines, as editors leave them
        }
        if (lines.isEmpty()) {
            throw new DatasetFormatException(file.toString(), -1, "expected rows of comma-separated numbers, "
                    + "the file is empty");
        }
        String[] first = split(lines.get(0));
        boolean header = options.header() != null ? options.header()
                : Arrays.stream(first).anyMatch(f -> !NUMBER.matcher(f).matches() && !NON_FINITE.matcher(f).matches());
        String[] names = header ? first : null;
        int idAt = column(file, names, options.idColumn(), "id-column");
        int labelAt = column(file, names, options.labelColumn(), "label-column");
        if (idAt >= 0 && idAt == labelAt) {
            throw new DatasetFormatException(file.toString(), -1, "id-column and label-column are the same column '"
                    + options.idColumn() + "'");
        }
        int width = first.length;
        int featureCols = width - (idAt >= 0 ? 1 : 0) - (labelAt >= 0 ? 1 : 0);
        if (featureCols == 0) {
            throw new DatasetFormatException(file.toString(), -1, "line 1: expected at least one feature column, "
                    + "found only " + Arrays.toString(first));
        }
        int start = header ? 1 : 0;
        int rows = lines.size() - start;
        if (rows == 0) {
            throw new DatasetFormatException(file.toString(), -1, "expected rows after the header line, found none");
        }
        float[] data = new float[Math.multiplyExact(rows, featureCols)];
        int[] ids = idAt >= 0 ? new int[rows] : null;
        int[] labels = labelAt >= 0 ? new int[rows] : null;
        for (int r = 0; r < rows; r++) {
            int line = start + r + 1;
            String[] fields = split(lines.get(start + r));
            if (fields.length != width) {
                throw new DatasetFormatException(file.toString(), -1, "line " + line + ": expected " + width
                        + " comma-separated values (as on line 1), found " + fields.length);
            }
            int c = 0;
            for (int f = 0; f < width; f++) {
                String where = "line " + line + ", column " + (f + 1) + (names != null ? " ('" + names[f] + "')" : "");
                if (f == idAt) {
                    ids[r] = integer(file, where, fields[f], "id");
                } else if (f == labelAt) {
                    labels[r] = integer(file, where, fields[f], "label");
                } else {
                    data[r * featureCols + c++] = number(file, where, fields[f]);
                }
            }
        }
        return new FeatureTable(FloatMatrix.wrap(rows, featureCols, data), ids, labels);
    }

    private static String[] split(String line) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        return fields;
    }

    /** The index of the named column, or -1 when none is asked for. */
    private static int column(Path file, String[] names, String name, String key) throws DatasetFormatException {
        if (name == null) {
            return -1;
        }
        if (names == null) {
            throw new DatasetFormatException(file.toString(), -1, key + " '" + name + "' names a column, but the "
                    + "file has no header line (its first line is all numbers)");
        }
        int at = Arrays.asList(names).indexOf(name);
        if (at < 0) {
            throw new DatasetFormatException(file.toString(), -1, "line 1: " + key + " '" + name
                    + "' is not a column; the header has " + Arrays.toString(names));
        }
        return at;
    }

    private static float number(Path file, String where, String text) throws DatasetFormatException {
        if (NON_FINITE.matcher(text).matches()) {
            throw new DatasetFormatException(file.toString(), -1, where + ": '" + text + "': features must be finite; "
                    + "clean them first (np.nan_to_num, or drop those rows)");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new DatasetFormatException(file.toString(), -1, where + ": expected a number, found '" + text + "'");
        }
        double d = Double.parseDouble(text);
        float v = (float) d;
        if (!Float.isFinite(v)) {
            throw new DatasetFormatException(file.toString(), -1, where + ": " + text + " is beyond float32's range (+-"
                    + Float.MAX_VALUE + ")");
        }
        return v;
    }

    private static int integer(Path file, String where, String text, String what) throws DatasetFormatException {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetFormatException(file.toString(), -1, where + ": expected the " + what
                + " as a whole number >= 0, found '" + text + "'");
    }

    /** The rows, for messages. */
    int rows() {
        return features.rows();
    }
}
