package org.imageclustering.spark.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.datasets.FeatureFileFormat;
import org.imageclustering.loader.datasets.FeatureTable;

/**
 * Precomputed features in Parquet ({@code loader: features} with a {@code .parquet} file, or a
 * {@code .parquet} folder of part files read in name order), as pandas, pyarrow and Spark write them:
 * one list column of float or double values per row (its name is free; it must be the only list
 * column), and optional integer {@code id-column} and {@code label-column}. Rows keep file order.
 *
 * <p>Read on the driver with Parquet's own column readers (which Spark ships), not with a Spark job:
 * a job would not keep the file's row order, and aligning features with images by order needs it.
 */
public final class ParquetFeatureFiles implements FeatureFileFormat {
    @Override
    public FeatureTable read(Path file, String idColumn, String labelColumn) throws IOException {
        List<Path> parts = parts(file);
        Rows rows = new Rows();
        for (Path part : parts) {
            readPart(part, idColumn, labelColumn, rows);
        }
        if (rows.count == 0) {
            throw new DatasetFormatException(file.toString(), -1, "expected feature rows, found none");
        }
        FloatMatrix features = FloatMatrix.wrap(rows.count, rows.width, Arrays.copyOf(rows.values, rows.count * rows.width));
        return new FeatureTable(features, idColumn == null ? null : Arrays.copyOf(rows.ids, rows.count),
                labelColumn == null ? null : Arrays.copyOf(rows.labels, rows.count));
    }

    /** The file, or a folder's Parquet part files in name order (Spark's _SUCCESS and .crc files aside). */
    private static List<Path> parts(Path file) throws IOException {
        if (!Files.isDirectory(file)) {
            return List.of(file);
        }
        List<Path> parts;
        try (var listing = Files.list(file)) {
            parts = listing.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith("_") && !n.startsWith(".");
            }).sorted().toList();
        }
        if (parts.isEmpty()) {
            throw new DatasetFormatException(file.toString(), -1, "expected Parquet part files in the folder, found none");
        }
        return parts;
    }

    /** The rows read so far, grown as parts come. */
    private static final class Rows {
        int count;
        int width = -1;
        float[] values = new float[1024];
        long size;
        int[] ids = new int[0];
        int[] labels = new int[0];

        void append(float x) throws DatasetFormatException {
            if (size == values.length) {
                if (values.length > Integer.MAX_VALUE / 2) {
                    throw new DatasetFormatException("features", -1, "more than " + Integer.MAX_VALUE / 2
                            + " values in one split; split the file or reduce its width");
                }
                values = Arrays.copyOf(values, 2 * values.length);
            }
            values[(int) size++] = x;
        }
    }

    private static void readPart(Path part, String idColumn, String labelColumn, Rows rows) throws IOException {
        String where = part.toString();
        Configuration conf = new Configuration();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf));
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(where, -1, "not a readable Parquet file (" + e.getMessage() + ")");
        }
        try (reader) {
            MessageType schema = reader.getFileMetaData().getSchema();
            ColumnDescriptor values = featureColumn(schema, where);
            ColumnDescriptor ids = idColumn == null ? null : integerColumn(schema, idColumn, "id-column", where);
            ColumnDescriptor labels = labelColumn == null ? null : integerColumn(schema, labelColumn, "label-column", where);
            long total = rows.count + reader.getRecordCount();
            if (total > Integer.MAX_VALUE) {
                throw new DatasetFormatException(where, -1, "more than " + Integer.MAX_VALUE + " rows in one split");
            }
            rows.ids = Arrays.copyOf(rows.ids, (int) total);
            rows.labels = Arrays.copyOf(rows.labels, (int) total);
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(group,
                        new GroupRecordConverter(schema).getRootConverter(), schema, reader.getFileMetaData().getCreatedBy());
                int first = rows.count;
                readValues(store.getColumnReader(values), group.getRowCount(), rows, where);
                if (ids != null) {
                    readIntegers(store.getColumnReader(ids), group.getRowCount(), rows.ids, first, idColumn, where);
                }
                if (labels != null) {
                    readIntegers(store.getColumnReader(labels), group.getRowCount(), rows.labels, first, labelColumn, where);
                }
            }
        }
    }

    /** The leaf column of the one list column: its elements are the features. */
    private static ColumnDescriptor featureColumn(MessageType schema, String where) throws DatasetFormatException {
        List<ColumnDescriptor> lists = schema.getColumns().stream().filter(c -> c.getMaxRepetitionLevel() == 1).toList();
        if (lists.size() != 1) {
            List<String> names = schema.getColumns().stream().map(c -> String.join(".", c.getPath())).toList();
            throw new DatasetFormatException(where, -1, "expected exactly one list column of float or double values "
                    + "(the features of each row), found " + lists.size() + " among the columns " + names);
        }
        ColumnDescriptor c = lists.get(0);
        PrimitiveTypeName type = c.getPrimitiveType().getPrimitiveTypeName();
        if (type != PrimitiveTypeName.FLOAT && type != PrimitiveTypeName.DOUBLE) {
            throw new DatasetFormatException(where, -1, "column '" + c.getPath()[0] + "' holds " + type
                    + " values; expected float or double features");
        }
        return c;
    }

    private static ColumnDescriptor integerColumn(MessageType schema, String name, String key, String where)
            throws DatasetFormatException {
        if (!schema.containsField(name)) {
            throw new DatasetFormatException(where, -1, key + " '" + name + "' is not a column; the columns are "
                    + schema.getFields().stream().map(Type::getName).toList());
        }
        Type field = schema.getType(name);
        PrimitiveTypeName type = field.isPrimitive() ? field.asPrimitiveType().getPrimitiveTypeName() : null;
        if (type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.INT64) {
            throw new DatasetFormatException(where, -1, key + " '" + name + "' holds "
                    + (type == null ? "a group" : type.toString()) + "; expected integers");
        }
        return schema.getColumnDescription(new String[] {name});
    }

    /** Each row's list, checked: as many finite values as the first row, none missing. */
    private static void readValues(ColumnReader column, long groupRows, Rows rows, String where)
            throws DatasetFormatException {
        int maxDefinition = column.getDescriptor().getMaxDefinitionLevel();
        boolean asDouble = column.getDescriptor().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE;
        long end = rows.count + groupRows;
        int row = rows.count - 1;
        int inRow = 0;
        for (long v = column.getTotalValueCount(); v > 0; v--) {
            if (column.getCurrentRepetitionLevel() == 0) { // a new row starts
                if (row >= rows.count) {
                    finishRow(rows, inRow, row, where);
                }
                row++;
                inRow = 0;
            }
            if (column.getCurrentDefinitionLevel() < maxDefinition) {
                throw new DatasetFormatException(where, -1, "row " + row + ": a null or empty features list, or a null "
                        + "value in it; expected " + (rows.width < 0 ? "" : rows.width + " ") + "finite numbers");
            }
            double x = asDouble ? column.getDouble() : column.getFloat();
            if (!Float.isFinite((float) x)) {
                throw new DatasetFormatException(where, -1, "row " + row + ", value " + inRow + " is " + x
                        + "; expected a finite float32 number");
            }
            if (rows.width >= 0 && inRow >= rows.width) {
                throw new DatasetFormatException(where, -1, "row " + row + " has more than " + rows.width
                        + " values; expected " + rows.width + " like row 0");
            }
            rows.append((float) x);
            inRow++;
            column.consume();
        }
        if (row >= rows.count) {
            finishRow(rows, inRow, row, where);
        }
        if (rows.count != end) {
            throw new DatasetFormatException(where, -1, "a row group says " + groupRows + " rows but its features "
                    + "column holds " + (rows.count - end + groupRows));
        }
    }

    /** Row {@code row} ended with {@code length} values: the first row sets the width. */
    private static void finishRow(Rows rows, int length, int row, String where) throws DatasetFormatException {
        if (rows.width < 0) {
            rows.width = length;
        } else if (length != rows.width) {
            throw new DatasetFormatException(where, -1, "row " + row + " has " + length + " values; expected "
                    + rows.width + " like row 0");
        }
        rows.count = row + 1;
    }

    private static void readIntegers(ColumnReader column, long groupRows, int[] into, int first, String name,
                                     String where) throws DatasetFormatException {
        int maxDefinition = column.getDescriptor().getMaxDefinitionLevel();
        boolean wide = column.getDescriptor().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
        for (long r = 0; r < groupRows; r++) {
            int row = first + (int) r;
            if (column.getCurrentDefinitionLevel() < maxDefinition) {
                throw new DatasetFormatException(where, -1, "row " + row + ": column '" + name + "' is null; expected "
                        + "an integer");
            }
            long x = wide ? column.getLong() : column.getInteger();
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                throw new DatasetFormatException(where, -1, "row " + row + ": column '" + name + "' is " + x
                        + ", beyond a 32-bit integer");
            }
            into[row] = (int) x;
            column.consume();
        }
    }
}
