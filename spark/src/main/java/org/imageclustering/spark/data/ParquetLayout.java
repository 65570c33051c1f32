package org.imageclustering.spark.data;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.imageclustering.loader.DatasetFormatException;

/**
 * The Parquet layout of a converted dataset: its columns, their types and the sidecar's name, in
 * one place for the writer and the reader.
 */
public final class ParquetLayout {
    /** The version of the layout and of {@code _imageclustering.json}; a reader refuses a newer one. */
    public static final int FORMAT_VERSION = 1;
    /** The sidecar beside the part files (Spark's reader skips names starting with an underscore). */
    public static final String SIDECAR = "_imageclustering.json";

    static final String ID = "id";
    static final String LABEL = "label";
    static final String SPLIT = "split";
    static final String FEATURES = "features";

    /** The split names a converted dataset may hold. */
    static final List<String> SPLITS = List.of("train", "test");

    /** The columns in order, as {@code -Dconvert} writes them. */
    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField(ID, DataTypes.LongType, false),
            DataTypes.createStructField(LABEL, DataTypes.IntegerType, true),
            DataTypes.createStructField(SPLIT, DataTypes.StringType, false),
            DataTypes.createStructField(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)});

    /** The layout in words, for messages. */
    static final String DESCRIPTION = "id long, label int (null when unlabelled), split string (train or test), "
            + "features array<float>";

    private ParquetLayout() {
    }

    /**
     * Checks that {@code schema} has every column with its type; other columns are ignored.
     *
     * @throws DatasetFormatException naming {@code folder} and the first missing or mistyped column
     */
    static void check(StructType schema, String folder) throws DatasetFormatException {
        List<String> found = Arrays.asList(schema.fieldNames());
        for (StructField expected : SCHEMA.fields()) {
            if (!found.contains(expected.name())) {
                throw new DatasetFormatException(folder, -1, "no column '" + expected.name() + "' (found "
                        + String.join(", ", found) + "); expected the columns " + DESCRIPTION);
            }
            DataType type = schema.apply(expected.name()).dataType();
            if (!sameType(type, expected.dataType())) {
                throw new DatasetFormatException(folder, -1, "column '" + expected.name() + "' is "
                        + name(type) + ", expected " + name(expected.dataType()) + " (the columns are "
                        + DESCRIPTION + ")");
            }
        }
    }

    /** A type as the layout's description spells it ({@code long}, not Spark's {@code bigint}). */
    static String name(DataType type) {
        if (type instanceof ArrayType a) {
            return "array<" + name(a.elementType()) + ">";
        }
        if (type.equals(DataTypes.LongType)) {
            return "long";
        }
        return type.simpleString();
    }

    /** The same type; an array may allow null elements (the reader checks each row). */
    private static boolean sameType(DataType found, DataType expected) {
        if (expected instanceof ArrayType e) {
            return found instanceof ArrayType f && f.elementType().equals(e.elementType());
        }
        return found.equals(expected);
    }
}
