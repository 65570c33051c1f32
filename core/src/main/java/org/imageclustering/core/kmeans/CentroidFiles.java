package org.imageclustering.core.kmeans;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Centroid files that can start a k-means run ({@code centroids: file}), in two formats told apart
 * by their first bytes:
 * <ul>
 *   <li>CSV text: one centroid per line, one comma-separated number per feature. Lines that are
 *       empty or start with {@code #} are ignored, and so is a first line whose first field is not
 *       a number (a header such as {@code f0,f1,...}). {@link #write} produces this format.</li>
 *   <li>The {@code centroids.f32} file every run leaves in its results folder
 *       ({@code runs/<run>/centroids.f32}): big-endian, the magic {@code ICF1}, rows and columns as
 *       4-byte integers, then the float values row by row. Centroids live in the feature space of
 *       the run that wrote them, so reuse them with the same transforms.</li>
 * </ul>
 */
public final class CentroidFiles {
    /** "ICF1": the float-matrix files of run results. */
    private static final int BINARY_MAGIC = 0x49434631;

    private CentroidFiles() {
    }

    /**
     * Reads a centroid file in either format.
     *
     * @throws IllegalArgumentException naming the file, the line and the column of the first
     *         problem (missing file, ragged line, a value that is not a finite number, no rows)
     */
    public static FloatMatrix read(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length == 4 && ((head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8
                    | (head[3] & 0xff)) == BINARY_MAGIC) {
                return readBinary(file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("centroid file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read centroid file " + file, e);
        }
        return readCsv(file);
    }

    /** The run-result binary format: magic ICF1, rows, cols, floats; all big-endian. */
    private static FloatMatrix readBinary(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read centroid file " + file, e);
        }
        if (bytes.length < 12) {
            throw new IllegalArgumentException(file + " at byte " + bytes.length
                    + ": expected a 12-byte header (magic ICF1, rows, cols), the file ends");
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        buf.getInt();
        int rows = buf.getInt();
        int cols = buf.getInt();
        long need = 12 + 4L * rows * cols;
        if (rows < 1 || cols < 1 || need != bytes.length) {
            throw new IllegalArgumentException(file + " at byte 4: a header of " + rows + " x " + cols
                    + " centroids needs " + need + " bytes, the file has " + bytes.length);
        }
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getFloat();
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(file + " at byte " + (12 + 4L * i) + ": centroid " + (i / cols)
                        + ", feature " + (i % cols) + " is " + values[i] + ", expected a finite number");
            }
        }
        return FloatMatrix.wrap(rows, cols, values);
    }

    private static FloatMatrix readCsv(Path file) {
        List<float[]> rows = new ArrayList<>();
        int width = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] fields = t.split(",", -1);
                if (first && !isNumber(fields[0].strip())) {
                    first = false;
                    continue; // header
                }
                first = false;
                if (width < 0) {
                    width = fields.length;
                } else if (fields.length != width) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + width
                            + " values like the first centroid, found " + fields.length);
                }
                float[] row = new float[fields.length];
                for (int j = 0; j < fields.length; j++) {
                    String f = fields[j].strip();
                    float v;
                    try {
                        v = Float.parseFloat(f);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ", column " + (j + 1)
                                + ": expected a number, found '" + f + "'");
                    }
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ", column " + (j + 1)
                                + ": expected a finite number, found '" + f + "'");
                    }
                    row[j] = v;
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("centroid file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read centroid file " + file, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no centroid rows found");
        }
        return FloatMatrix.of(rows.toArray(new float[0][]));
    }

    /**
     * Reads a centroid file that must hold {@code k} centroids of {@code d} features
     * ({@code d < 0}: any width).
     */
    public static FloatMatrix read(Path file, int k, int d) {
        FloatMatrix m = read(file);
        if (m.rows() != k) {
            throw new IllegalArgumentException(file + ": has " + m.rows() + " centroid rows, expected k = " + k);
        }
        if (d >= 0 && m.cols() != d) {
            throw new IllegalArgumentException(file + ": centroids have " + m.cols() + " columns, the data has "
                    + d + " features");
        }
        return m;
    }

    /** Writes centroids so that {@link #read} returns exactly the same floats. */
    public static void write(Path file, FloatMatrix centroids) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# " + centroids.rows() + " centroids x " + centroids.cols() + " features\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < centroids.rows(); i++) {
                sb.setLength(0);
                for (int j = 0; j < centroids.cols(); j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(Float.toString(centroids.get(i, j)));
                }
                sb.append('\n');
                out.write(sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write centroid file " + file, e);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s.toLowerCase(Locale.ROOT));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
