package org.imageclustering.spark.data;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.spark.kmeans.DistributedKMeans;
import scala.Tuple2;

/**
 * One split of a converted dataset as rows that stay on the executors, for
 * {@link DistributedKMeans}: each row paired with its {@code id} (its index within the split),
 * read where the part files are, never collected on the driver.
 */
public final class ParquetRows {
    private ParquetRows() {
    }

    /**
     * The rows of split {@code split} ({@code train} or {@code test}) of the converted dataset at
     * {@code uri}.
     *
     * @throws DatasetFormatException when a column is missing or mistyped, or the split is empty
     */
    public static DistributedKMeans.IndexedRows read(SparkSession session, String uri, String split)
            throws DatasetFormatException {
        Dataset<Row> all = session.read().parquet(uri);
        ParquetLayout.check(all.schema(), uri);
        Dataset<Row> rows = all.filter(functions.col(ParquetLayout.SPLIT).equalTo(split))
                .select(ParquetLayout.ID, ParquetLayout.FEATURES);
        long n = rows.count();
        if (n == 0) {
            throw new DatasetFormatException(uri, -1, "no rows of split '" + split + "'");
        }
        int cols = rows.first().getList(1).size();
        JavaPairRDD<Long, float[]> indexed = rows.javaRDD().mapToPair(r -> {
            List<Float> values = r.getList(1);
            float[] x = new float[values.size()];
            for (int j = 0; j < x.length; j++) {
                Float v = values.get(j);
                if (v == null || !Float.isFinite(v)) {
                    throw new IllegalArgumentException(uri + ": row " + r.getLong(0) + " of split '" + split
                            + "': column '" + ParquetLayout.FEATURES + "' holds " + v + " at " + j
                            + ", expected a finite number");
                }
                x[j] = v;
            }
            return new Tuple2<>(r.getLong(0), x);
        });
        return new DistributedKMeans.IndexedRows(n, cols, indexed);
    }
}
