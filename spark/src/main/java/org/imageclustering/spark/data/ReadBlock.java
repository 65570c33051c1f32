package org.imageclustering.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The rows of one partition of a converted dataset, read and checked on the executor and sent to
 * the driver in flat arrays (no boxed value per float). Reading stops at the first bad row, which
 * {@link #problem} describes and {@link #problemFile} locates.
 *
 * @param files       the part files the rows came from
 * @param fileOfRow   per row, its index in {@code files}
 * @param splitOfRow  per row, its split's index in the rules
 * @param ids         per row, its id
 * @param labels      per row, its label or -1 when unlabelled
 * @param values      the rows' features, one after the other
 * @param rows        how many rows were read
 * @param problem     the first bad row, described, or {@code null}
 * @param problemFile the part file holding it
 */
record ReadBlock(List<String> files, int[] fileOfRow, byte[] splitOfRow, long[] ids, int[] labels, float[] values,
                 int rows, String problem, String problemFile) implements Serializable {

    /** What a row of one split must be, from the sidecar. */
    record Rules(String split, int features, boolean labelled, int classes) implements Serializable {
    }

    /** The column order of the rows read: the layout's four, then the row's file. */
    static final int ID = 0;
    static final int LABEL = 1;
    static final int SPLIT = 2;
    static final int FEATURES = 3;
    static final int FILE = 4;

    /**
     * Reads a partition's rows.
     *
     * @param nullableValues whether the schema lets a features array hold nulls (then each is checked)
     */
    static ReadBlock read(Iterator<InternalRow> it, List<Rules> rules, boolean nullableValues) {
        Builder b = new Builder(rules.stream().mapToInt(Rules::features).max().orElse(1));
        while (it.hasNext()) {
            InternalRow row = it.next();
            UTF8String file = row.getUTF8String(FILE);
            if (b.lastFile == null || !b.lastFile.equals(file)) {
                b.lastFile = file.clone(); // the row's buffer is reused for the next row
                b.files.add(file.toString());
            }
            String problem = b.add(row, rules, nullableValues);
            if (problem != null) {
                return b.build(problem, file.toString());
            }
        }
        return b.build(null, null);
    }

    /** The growing arrays of one partition. */
    private static final class Builder {
        final List<String> files = new ArrayList<>();
        UTF8String lastFile;
        int[] fileOfRow = new int[256];
        byte[] splitOfRow = new byte[256];
        long[] ids = new long[256];
        int[] labels = new int[256];
        float[] values;
        int rows;
        int filled;

        Builder(int maxFeatures) {
            values = new float[256 * maxFeatures];
        }

        /** Appends the row, or says what is wrong with it. */
        String add(InternalRow row, List<Rules> rules, boolean nullableValues) {
            if (row.isNullAt(ID)) {
                return "a row has no id (column 'id' is null)";
            }
            long id = row.getLong(ID);
            if (row.isNullAt(SPLIT)) {
                return "row " + id + ": column 'split' is null, expected train or test";
            }
            String splitName = row.getUTF8String(SPLIT).toString();
            int s = 0;
            while (s < rules.size() && !rules.get(s).split().equals(splitName)) {
                s++;
            }
            String where = "row " + id + " of split '" + splitName + "'";
            if (s == rules.size()) {
                return where + ": column 'split' is '" + splitName + "', expected one of the splits in "
                        + ParquetLayout.SIDECAR + " (" + String.join(", ", rules.stream().map(Rules::split).toList()) + ")";
            }
            Rules r = rules.get(s);
            int label = -1;
            if (r.labelled()) {
                if (row.isNullAt(LABEL)) {
                    return where + ": column 'label' is null, but the split is labelled";
                }
                label = row.getInt(LABEL);
                if (label < 0 || label >= r.classes()) {
                    return where + ": column 'label' is " + label + ", outside the " + r.classes() + " classes 0.."
                            + (r.classes() - 1);
                }
            } else if (!row.isNullAt(LABEL)) {
                return where + ": column 'label' is " + row.getInt(LABEL) + ", but the split has no labels";
            }
            if (row.isNullAt(FEATURES)) {
                return where + ": column 'features' is null";
            }
            ArrayData a = row.getArray(FEATURES);
            if (a.numElements() != r.features()) {
                return where + ": column 'features' has " + a.numElements() + " values, expected " + r.features();
            }
            if (nullableValues) {
                for (int j = 0; j < a.numElements(); j++) {
                    if (a.isNullAt(j)) {
                        return where + ": column 'features' has a null at index " + j;
                    }
                }
            }
            float[] v = a.toFloatArray();
            for (int j = 0; j < v.length; j++) {
                if (!Float.isFinite(v[j])) {
                    return where + ": column 'features' has " + v[j] + " at index " + j + ", expected finite values";
                }
            }
            grow(v.length);
            fileOfRow[rows] = files.size() - 1;
            splitOfRow[rows] = (byte) s;
            ids[rows] = id;
            labels[rows] = label;
            System.arraycopy(v, 0, values, filled, v.length);
            filled += v.length;
            rows++;
            return null;
        }

        private void grow(int more) {
            if (rows == ids.length) {
                int n = rows * 2;
                fileOfRow = Arrays.copyOf(fileOfRow, n);
                splitOfRow = Arrays.copyOf(splitOfRow, n);
                ids = Arrays.copyOf(ids, n);
                labels = Arrays.copyOf(labels, n);
            }
            if (filled + more > values.length) {
                values = Arrays.copyOf(values, Math.max(filled + more, values.length * 2));
            }
        }

        ReadBlock build(String problem, String problemFile) {
            return new ReadBlock(List.copyOf(files), Arrays.copyOf(fileOfRow, rows), Arrays.copyOf(splitOfRow, rows),
                    Arrays.copyOf(ids, rows), Arrays.copyOf(labels, rows), Arrays.copyOf(values, filled), rows,
                    problem, problemFile);
        }
    }
}
