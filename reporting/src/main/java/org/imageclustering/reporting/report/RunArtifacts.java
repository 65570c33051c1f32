package org.imageclustering.reporting.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.io.Npy;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.reporting.AtomicFiles;
import org.imageclustering.reporting.RunRecord;
import org.imageclustering.reporting.metrics.Contingency;

/**
 * The per-run files a report needs beyond {@code runs.jsonl}, under
 * {@code <results>/runs/<runId>/}: centroids, predicted labels per split, the images nearest each
 * centroid, contingency tables, and the pictures drawn from them. Every file is written atomically
 * (temporary file + rename), so a report never reads a half-written one.
 *
 * <p>Matrices and label vectors are small big-endian binaries: a 4-byte magic ({@code ICF1} for a
 * float matrix: rows, cols, values; {@code ICI1} for an int vector: length, values). The same values
 * are also written for numpy and pandas: as {@code .npy} ({@code float32} centroids, {@code int32}
 * labels, see {@link Npy}) and as CSV. Paths returned are relative to the results folder, ready for
 * {@link RunRecord#artifacts()}.
 */
public final class RunArtifacts {
    /** Artifact keys in {@link RunRecord#artifacts()}. */
    public static final String CENTROIDS = "centroids";
    public static final String CENTROIDS_NPY = "centroids-npy";
    public static final String CENTROIDS_CSV = "centroids-csv";
    public static final String NEAREST = "nearest";
    public static final String CENTROID_MOSAIC = "centroid-mosaic";
    public static final String MEAN_MOSAIC = "mean-mosaic";
    public static final String CLUSTER_MONTAGE = "cluster-montage";

    /** Images per cluster kept in {@code nearest.csv} and drawn in the montage. */
    public static final int DEFAULT_NEAREST = 8;

    private static final int MATRIX_MAGIC = 0x49434631; // "ICF1"
    private static final int LABELS_MAGIC = 0x49434931; // "ICI1"
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path resultsDir;

    /** Artifacts of the experiment whose results folder is {@code resultsDir}. */
    public RunArtifacts(Path resultsDir) {
        this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
    }

    public Path resultsDir() {
        return resultsDir;
    }

    /** Key of the labels of {@code split} ({@code labels-train}). */
    public static String labelsKey(String split) {
        return "labels-" + split;
    }

    /** Key of the labels of {@code split} as {@code .npy} ({@code labels-train-npy}). */
    public static String labelsNpyKey(String split) {
        return labelsKey(split) + "-npy";
    }

    /** Key of the labels of {@code split} as CSV ({@code labels-train-csv}). */
    public static String labelsCsvKey(String split) {
        return labelsKey(split) + "-csv";
    }

    /** Key of the contingency table of {@code split} ({@code contingency-train}). */
    public static String contingencyKey(String split) {
        return "contingency-" + split;
    }

    /** Relative folder of a run's files. */
    public static String runFolder(String runId) {
        requireSafe(runId, "run id");
        return "runs/" + runId;
    }

    private static void requireSafe(String name, String what) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
    }

    /** The absolute file of a relative artifact path. */
    public Path resolve(String relative) {
        return resultsDir.resolve(relative);
    }

    /** Writes the centroids ({@code centroids.f32}); returns the relative path. */
    public String writeCentroids(String runId, FloatMatrix centroids) {
        String rel = runFolder(runId) + "/centroids.f32";
        ByteBuffer buf = ByteBuffer.allocate(12 + 4 * centroids.data().length);
        buf.putInt(MATRIX_MAGIC).putInt(centroids.rows()).putInt(centroids.cols());
        for (float v : centroids.data()) {
            buf.putFloat(v);
        }
        AtomicFiles.write(resolve(rel), buf.array());
        return rel;
    }

    /**
     * Writes the centroids in every format: {@code centroids.f32}, {@code centroids.npy} and
     * {@code centroids.csv}; returns artifact key to relative path.
     */
    public Map<String, String> writeCentroidFiles(String runId, FloatMatrix centroids) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CENTROIDS, writeCentroids(runId, centroids));
        String npy = runFolder(runId) + "/centroids.npy";
        AtomicFiles.write(resolve(npy), Npy.toBytes(centroids));
        out.put(CENTROIDS_NPY, npy);
        String csv = runFolder(runId) + "/centroids.csv";
        AtomicFiles.writeString(resolve(csv), centroidsCsv(centroids));
        out.put(CENTROIDS_CSV, csv);
        return out;
    }

    /**
     * One line per centroid after a header {@code f0,f1,...}: Java's shortest round-trip form of
     * each float with a {@code .} decimal point (whatever the machine's language), so that
     * {@code pd.read_csv} gives back the same float32 values.
     */
    static String centroidsCsv(FloatMatrix centroids) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < centroids.cols(); j++) {
            sb.append(j == 0 ? "f" : ",f").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < centroids.rows(); i++) {
            for (int j = 0; j < centroids.cols(); j++) {
                sb.append(j == 0 ? "" : ",").append(Float.toString(centroids.get(i, j)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads a matrix written by {@link #writeCentroids}. */
    public FloatMatrix readMatrix(String relative) {
        Path file = resolve(relative);
        ByteBuffer buf = ByteBuffer.wrap(readBytes(file));
        requireBytes(file, buf, 0, 12, "a 12-byte header (magic ICF1, rows, cols)");
        int magic = buf.getInt();
        if (magic != MATRIX_MAGIC) {
            throw new IllegalStateException(file + " at byte 0: expected the magic ICF1 of a float matrix, found 0x"
                    + Integer.toHexString(magic));
        }
        int rows = buf.getInt();
        int cols = buf.getInt();
        long need = 4L * rows * cols;
        if (rows < 0 || cols < 0 || buf.remaining() != need) {
            throw new IllegalStateException(file + " at byte 12: a " + rows + " x " + cols + " matrix needs "
                    + need + " bytes of values, the file has " + buf.remaining());
        }
        float[] data = new float[rows * cols];
        buf.asFloatBuffer().get(data);
        return FloatMatrix.wrap(rows, cols, data);
    }

    /** Writes the predicted labels of {@code split} ({@code labels-<split>.i32}); returns the relative path. */
    public String writeLabels(String runId, String split, int[] labels) {
        requireSafe(split, "split");
        String rel = runFolder(runId) + "/labels-" + split + ".i32";
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * labels.length);
        buf.putInt(LABELS_MAGIC).putInt(labels.length);
        for (int l : labels) {
            buf.putInt(l);
        }
        AtomicFiles.write(resolve(rel), buf.array());
        return rel;
    }

    /**
     * Writes the predicted labels of {@code split} in every format: {@code labels-<split>.i32},
     * {@code .npy} and {@code .csv} ({@code row,cluster}); returns artifact key to relative path.
     */
    public Map<String, String> writeLabelFiles(String runId, String split, int[] labels) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(labelsKey(split), writeLabels(runId, split, labels));
        String npy = runFolder(runId) + "/labels-" + split + ".npy";
        AtomicFiles.write(resolve(npy), Npy.toBytes(labels));
        out.put(labelsNpyKey(split), npy);
        String csv = runFolder(runId) + "/labels-" + split + ".csv";
        StringBuilder sb = new StringBuilder("row,cluster\n");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i).append(',').append(labels[i]).append('\n');
        }
        AtomicFiles.writeString(resolve(csv), sb.toString());
        out.put(labelsCsvKey(split), csv);
        return out;
    }

    /** Reads a label vector written by {@link #writeLabels}. */
    public int[] readLabels(String relative) {
        Path file = resolve(relative);
        ByteBuffer buf = ByteBuffer.wrap(readBytes(file));
        requireBytes(file, buf, 0, 8, "an 8-byte header (magic ICI1, length)");
        int magic = buf.getInt();
        if (magic != LABELS_MAGIC) {
            throw new IllegalStateException(file + " at byte 0: expected the magic ICI1 of a label vector, found 0x"
                    + Integer.toHexString(magic));
        }
        int n = buf.getInt();
        if (n < 0 || buf.remaining() != 4L * n) {
            throw new IllegalStateException(file + " at byte 8: " + n + " labels need " + (4L * n)
                    + " bytes, the file has " + buf.remaining());
        }
        int[] out = new int[n];
        buf.asIntBuffer().get(out);
        return out;
    }

    /** Writes, per cluster, the row indices of the images nearest its centroid ({@code nearest.csv}). */
    public String writeNearest(String runId, int[][] nearest) {
        String rel = runFolder(runId) + "/nearest.csv";
        StringBuilder sb = new StringBuilder("cluster,indices\n");
        for (int k = 0; k < nearest.length; k++) {
            sb.append(k).append(',');
            for (int j = 0; j < nearest[k].length; j++) {
                sb.append(j == 0 ? "" : " ").append(nearest[k][j]);
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(resolve(rel), sb.toString());
        return rel;
    }

    /** Reads a file written by {@link #writeNearest}. */
    public int[][] readNearest(String relative) {
        List<String> lines = readLines(resolve(relative));
        List<int[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",", -1);
            try {
                if (parts.length != 2 || Integer.parseInt(parts[0]) != out.size()) {
                    throw new NumberFormatException("expected '" + out.size() + ",<indices>'");
                }
                out.add(parts[1].isBlank() ? new int[0]
                        : Arrays.stream(parts[1].trim().split(" ")).mapToInt(Integer::parseInt).toArray());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(resolve(relative) + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out.toArray(new int[0][]);
    }

    /**
     * Writes the contingency table of {@code split} as CSV ({@code contingency-<split>.csv}): one
     * line per class (named by {@code classNames} where given), one column per cluster {@code 0..k-1}.
     */
    public String writeContingency(String runId, String split, int[] truth, int[] predicted, int k,
                                   List<String> classNames) {
        requireSafe(split, "split");
        String rel = runFolder(runId) + "/contingency-" + split + ".csv";
        Contingency t = Contingency.of(truth, predicted);
        int maxClass = Arrays.stream(t.classLabels()).max().orElse(-1);
        int classes = Math.max(maxClass + 1, classNames == null ? 0 : classNames.size());
        long[][] dense = t.dense(classes, k);
        StringBuilder sb = new StringBuilder("class");
        for (int c = 0; c < k; c++) {
            sb.append(',').append(c);
        }
        sb.append('\n');
        for (int c = 0; c < classes; c++) {
            String name = classNames != null && c < classNames.size() ? classNames.get(c) : String.valueOf(c);
            sb.append(Csv.field(name));
            for (long v : dense[c]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(resolve(rel), sb.toString());
        return rel;
    }

    /** A contingency table read back: class names and counts (classes x clusters). */
    public record Table(List<String> classNames, long[][] counts) {
    }

    /** Reads a file written by {@link #writeContingency}. */
    public Table readContingency(String relative) {
        Path file = resolve(relative);
        List<String> lines = readLines(file);
        if (lines.isEmpty()) {
            throw new IllegalStateException(file + ": empty, expected a header line 'class,0,1,...'");
        }
        int k = Csv.parseLine(lines.get(0)).size() - 1;
        List<String> names = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            List<String> f = Csv.parseLine(lines.get(i));
            if (f.size() != k + 1) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": expected " + (k + 1)
                        + " fields, found " + f.size());
            }
            names.add(f.get(0));
            long[] row = new long[k];
            for (int c = 0; c < k; c++) {
                try {
                    row[c] = Long.parseLong(f.get(c + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(file + " line " + (i + 1) + ", column " + (c + 2)
                            + ": expected a count, found '" + f.get(c + 1) + "'");
                }
            }
            rows.add(row);
        }
        return new Table(List.copyOf(names), rows.toArray(new long[0][]));
    }

    /**
     * For each cluster, up to {@code perCluster} rows assigned to it, nearest its centroid first
     * (ties to the lower row index).
     */
    public static int[][] nearestToCentroids(FloatMatrix features, int[] labels, FloatMatrix centroids,
                                             int perCluster) {
        int k = centroids.rows();
        List<List<double[]>> best = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            best.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            double d = SquaredEuclidean.distance(features, i, centroids, labels[i]);
            List<double[]> b = best.get(labels[i]);
            // Keep a short sorted list; perCluster is small (a montage line).
            int pos = b.size();
            while (pos > 0 && (b.get(pos - 1)[0] > d)) {
                pos--;
            }
            if (pos < perCluster) {
                b.add(pos, new double[] {d, i});
                if (b.size() > perCluster) {
                    b.remove(b.size() - 1);
                }
            }
        }
        int[][] out = new int[k][];
        for (int c = 0; c < k; c++) {
            out[c] = best.get(c).stream().mapToInt(e -> (int) e[1]).toArray();
        }
        return out;
    }

    /** Per-cluster means of {@code images} (for a mosaic when features cannot be mapped back to pixels). */
    public static FloatMatrix clusterMeans(FloatMatrix images, int[] labels, int k) {
        int d = images.cols();
        double[] sum = new double[k * d];
        long[] count = new long[k];
        float[] data = images.data();
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            int off = images.offset(i);
            for (int j = 0; j < d; j++) {
                sum[labels[i] * d + j] += data[off + j];
            }
        }
        float[] out = new float[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c * d + j] = count[c] == 0 ? 0f : (float) (sum[c * d + j] / count[c]);
            }
        }
        return FloatMatrix.wrap(k, d, out);
    }

    /**
     * Everything the report needs from one fit, in one call: centroids and training labels (each
     * also as {@code .npy} and CSV), the images nearest each centroid, the training contingency
     * table (when labels are known) and, when an image shape is known, the pictures. Returns artifact key to relative path, for
     * {@link RunRecord#artifacts()}.
     *
     * @param trainFeatures   the rows the algorithm fitted (its feature space)
     * @param trainPredicted  the fit's labels of those rows
     * @param centroids       the fit's centroids (feature space)
     * @param trainTruth      true classes of the rows, or {@code null}
     * @param classNames      class names for the contingency table, or {@code null}
     * @param pixelCentroids  the centroids mapped to pixel space (the identity without transforms,
     *                        the inverse transform otherwise), or {@code null} when there is none
     * @param pixelImages     the same training rows in pixel space for montages, or {@code null}
     * @param shape           the image shape of pixel rows, or {@code null} (then no pictures)
     */
    public Map<String, String> saveStandard(String runId, FloatMatrix trainFeatures, int[] trainPredicted,
                                            FloatMatrix centroids, int[] trainTruth, List<String> classNames,
                                            FloatMatrix pixelCentroids, FloatMatrix pixelImages, ImageShape shape) {
        Map<String, String> out = new LinkedHashMap<>();
        out.putAll(writeCentroidFiles(runId, centroids));
        out.putAll(writeLabelFiles(runId, "train", trainPredicted));
        int[][] nearest = nearestToCentroids(trainFeatures, trainPredicted, centroids, DEFAULT_NEAREST);
        out.put(NEAREST, writeNearest(runId, nearest));
        if (trainTruth != null) {
            out.put(contingencyKey("train"), writeContingency(runId, "train", trainTruth, trainPredicted,
                    centroids.rows(), classNames));
        }
        if (shape != null) {
            FloatMatrix drawn = null;
            if (pixelCentroids != null && pixelCentroids.cols() == shape.size()) {
                String rel = runFolder(runId) + "/centroids.png";
                Pictures.centroidMosaic(pixelCentroids, shape, resolve(rel));
                out.put(CENTROID_MOSAIC, rel);
                drawn = pixelCentroids;
            } else if (pixelImages != null && pixelImages.cols() == shape.size()) {
                String rel = runFolder(runId) + "/cluster-means.png";
                drawn = clusterMeans(pixelImages, trainPredicted, centroids.rows());
                Pictures.centroidMosaic(drawn, shape, resolve(rel));
                out.put(MEAN_MOSAIC, rel);
            }
            if (pixelImages != null && pixelImages.cols() == shape.size()) {
                String rel = runFolder(runId) + "/montage.png";
                Pictures.clusterMontage(pixelImages, shape, nearest, drawn, resolve(rel));
                out.put(CLUSTER_MONTAGE, rel);
            }
        }
        return out;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run artifact " + file, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run artifact " + file, e);
        }
    }

    private static void requireBytes(Path file, ByteBuffer buf, int at, int n, String what) {
        if (buf.remaining() < n) {
            throw new IllegalStateException(file + " at byte " + at + ": expected " + what + ", the file has "
                    + buf.remaining() + " bytes");
        }
    }
}
