package org.imageclustering.spark.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;

/**
 * Writes a loaded dataset with Spark as a converted dataset ({@link ParquetLayout}) at any Hadoop
 * location: the rows go out in blocks of about {@value #BLOCK_MB} MiB, one part file each, each block
 * a broadcast the writing executor fetches; the sidecar is written last, so a folder without one is
 * a conversion that did not finish.
 */
public final class ParquetDatasetWriter {
    private static final Logger LOG = LogManager.getLogger(ParquetDatasetWriter.class);
    static final int BLOCK_MB = 32;

    private ParquetDatasetWriter() {
    }

    /**
     * Writes {@code splits} to {@code out}.
     *
     * @param dataset the dataset's name in the experiment file
     * @param loader  the loader that read it
     * @param raw     whether the values are the stored ones rather than scaled to [0, 1]
     * @param replace replace an earlier conversion at {@code out}
     * @return what the sidecar says
     * @throws FileAlreadyExistsException if {@code out} exists and may not be replaced: without {@code
     *         replace}, or when it is not a converted dataset (no sidecar), which is never deleted
     * @throws IOException if Hadoop cannot reach or write {@code out}
     */
    public static ConvertedDataset write(SparkSession session, DatasetSplits splits, String dataset, String loader,
                                         boolean raw, Path out, boolean replace) throws IOException {
        FileSystem fs = out.getFileSystem(session.sparkContext().hadoopConfiguration());
        Path target = fs.makeQualified(out);
        if (fs.exists(target)) {
            if (!replace) {
                throw new FileAlreadyExistsException(target.toString(), null, "already exists; choose another "
                        + "output, or add -Dfresh=true (--fresh) to replace this converted dataset");
            }
            if (!fs.exists(new Path(target, ParquetLayout.SIDECAR))) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a dataset written by "
                        + "-Dconvert (it has no " + ParquetLayout.SIDECAR + "), so it is not replaced even with -Dfresh; "
                        + "choose another output, or delete it yourself if it is a conversion that did not finish");
            }
        }
        long t0 = System.nanoTime();
        List<ConvertedDataset.Split> described = new ArrayList<>();
        described.add(ConvertedDataset.Split.of("train", splits.train()));
        splits.testSplit().ifPresent(t -> described.add(ConvertedDataset.Split.of("test", t)));
        ConvertedDataset info = new ConvertedDataset(ConvertedDataset.FORMAT, ParquetLayout.FORMAT_VERSION, dataset,
                loader, raw, described);

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        List<WriteBlock> blocks = new ArrayList<>();
        try {
            addBlocks(sc, "train", splits.train(), blocks);
            if (splits.test() != null) {
                addBlocks(sc, "test", splits.test(), blocks);
            }
            JavaRDD<ParquetRow> rows = sc.parallelize(blocks, Math.max(1, blocks.size())).flatMap(b -> b.parquetRows());
            session.createDataset(rows.rdd(), Encoders.bean(ParquetRow.class))
                    .select(functions.col(ParquetLayout.ID), functions.col(ParquetLayout.LABEL),
                            functions.col(ParquetLayout.SPLIT), functions.col(ParquetLayout.FEATURES))
                    .write().mode(replace ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(target.toString());
        } finally {
            for (WriteBlock b : blocks) {
                b.values().destroy();
            }
        }
        LOG.info("Wrote {} row blocks to {} in {} ms", blocks.size(), target, (System.nanoTime() - t0) / 1_000_000);
        try (FSDataOutputStream o = fs.create(new Path(target, ParquetLayout.SIDECAR), true)) {
            o.write(info.toJson());
        }
        return info;
    }

    /** Cuts a split into blocks of whole rows of about {@link #BLOCK_MB} MiB. */
    private static void addBlocks(JavaSparkContext sc, String split, Dataset d, List<WriteBlock> blocks) {
        int cols = d.features().cols();
        int perBlock = (int) Math.max(1, ((long) BLOCK_MB << 20) / (4L * cols));
        float[] data = d.features().data();
        for (int from = 0; from < d.size(); from += perBlock) {
            int to = Math.min(d.size(), from + perBlock);
            Broadcast<float[]> values = sc.broadcast(Arrays.copyOfRange(data, d.features().offset(from),
                    d.features().offset(from) + (to - from) * cols));
            int[] labels = d.labels() == null ? null : Arrays.copyOfRange(d.labels(), from, to);
            blocks.add(new WriteBlock(split, from, to - from, cols, labels, values));
        }
    }
}
