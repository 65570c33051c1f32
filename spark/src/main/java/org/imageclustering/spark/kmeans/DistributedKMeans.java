package org.imageclustering.spark.kmeans;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.kmeans.AssignmentPasses;
import org.imageclustering.core.kmeans.AssignmentStep;
import org.imageclustering.core.kmeans.DataSummary;
import org.imageclustering.core.kmeans.Initializers;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * K-means over rows that never pass through the driver: made on the executors by a
 * {@link RowGenerator}, or already there with their indices ({@link IndexedRows}, read from
 * Parquet say, gathered by index range in one shuffle), cut into cached blocks, summarised there ({@link DataSummary#chunkSums}
 * per block, folded on the driver in row order), and clustered by the same loop as every k-means
 * fit with its passes on the blocks. The driver holds only what is proportional to k and d, the
 * partial sums of the summary (two doubles per feature for every {@value DataSummary#CHUNK} rows)
 * and a seeded sample of rows for the initialisation.
 *
 * <p><b>Initialisation.</b> The chosen init (k-means++ and the others) runs on the driver on a
 * sample of about {@link #SAMPLE_ROWS} rows (at most twice that), each row kept or not by a hash of the seed and its
 * index, so the sample, and the fit, are the same whatever the partitioning. Given the same start,
 * the iterations give the bits a local fit over all rows would.
 *
 * <p><b>Labels</b> stay on the executors: the result's labels are empty; its sizes, centroids,
 * distortion, trace and diagnostics are complete.
 */
public final class DistributedKMeans implements AutoCloseable {
    /** Rows sampled for the initialisation by default, at most. */
    public static final int SAMPLE_ROWS = 20_000;

    private final JavaSparkContext sc;
    private final int partitions;
    private final int sampleRows;
    private DistributedRows current;

    /** K-means on {@code sc} over at most {@code partitions} blocks, initialised from {@value #SAMPLE_ROWS} rows at most. */
    public DistributedKMeans(JavaSparkContext sc, int partitions) {
        this(sc, partitions, SAMPLE_ROWS);
    }

    /** As above, initialised from about {@code sampleRows} rows. */
    public DistributedKMeans(JavaSparkContext sc, int partitions, int sampleRows) {
        if (partitions < 1 || sampleRows < 1) {
            throw new IllegalArgumentException("partitions and sampleRows must be >= 1, were " + partitions + " and "
                    + sampleRows);
        }
        this.sc = sc;
        this.partitions = partitions;
        this.sampleRows = sampleRows;
    }

    /** Rows that live on the executors: how many, how wide, and how they are spread into blocks. */
    public sealed interface Rows permits MadeRows, IndexedRows {
        long rows();

        int cols();

        /** The rows cut into cached blocks at multiples of {@code quantum} rows, at most {@code partitions}. */
        DistributedRows spread(JavaSparkContext sc, int quantum, int partitions);
    }

    /** The rows {@code generator} makes: {@code rows x cols}. */
    public record MadeRows(long rows, int cols, RowGenerator generator) implements Rows {
        public MadeRows {
            if (rows < 1 || rows > Integer.MAX_VALUE || cols < 1) {
                throw new IllegalArgumentException("expected 1 to " + Integer.MAX_VALUE + " rows and at least one "
                        + "column, found " + rows + " x " + cols);
            }
        }

        @Override
        public DistributedRows spread(JavaSparkContext sc, int quantum, int partitions) {
            RowGenerator g = generator;
            BlockValues values = (first, count, width) -> {
                float[] x = new float[count * width];
                float[] row = new float[width];
                for (int i = 0; i < count; i++) {
                    g.row(first + i, row);
                    System.arraycopy(row, 0, x, i * width, width);
                }
                return x;
            };
            return DistributedRows.made(sc, this, rows, cols, values, quantum, partitions);
        }
    }

    /**
     * Rows already on the executors (read from Parquet, say): {@code rows x cols}, each paired with
     * its index, 0 to {@code rows - 1} each once.
     */
    public record IndexedRows(long rows, int cols, JavaPairRDD<Long, float[]> indexed) implements Rows {
        public IndexedRows {
            if (rows < 1 || rows > Integer.MAX_VALUE || cols < 1) {
                throw new IllegalArgumentException("expected 1 to " + Integer.MAX_VALUE + " rows and at least one "
                        + "column, found " + rows + " x " + cols);
            }
        }

        @Override
        public DistributedRows spread(JavaSparkContext sc, int quantum, int partitions) {
            return DistributedRows.gathered(this, indexed, rows, cols, quantum, partitions);
        }
    }

    /**
     * Fits {@code options} to {@code data} from {@code context.seed()}, restart by restart as
     * {@link KMeans#fit} does.
     */
    public Clustering fit(Rows data, KMeansOptions options, FitContext context) {
        return fit(data, data.rows(), data.cols(), options, context);
    }

    private Clustering fit(Rows data, long rowCount, int cols, KMeansOptions options, FitContext context) {
        if (options.spherical()) {
            throw new IllegalArgumentException("spherical k-means needs unit rows: make them so first and"
                    + " fit with spherical: false");
        }
        int n = (int) rowCount;
        int d = cols;
        int chunk = AssignmentStep.chunkSize(n, options.k(), d);
        DistributedRows rows = rowsFor(data, Math.max(chunk, DataSummary.CHUNK));
        DataSummary summary = summary(rows);
        FloatMatrix sample = sample(rows, context.seed(), sampleRows);
        AssignmentPasses.Factory passes = (x, norms, o, v, c, parallel) ->
                SparkPasses.over(sc, rows, o, v, c, false, () -> { });
        KMeans kmeans = new KMeans(options);
        Clustering best = null;
        int bestRestart = -1;
        List<Double> distortions = new ArrayList<>();
        for (int r = 0; r < options.restarts(); r++) {
            FloatMatrix start = Initializers.initialCentroids(sample, options, Seeds.derive(context.seed(), r),
                    context.parallel());
            Clustering run = kmeans.fitFrom(n, d, summary, start, passes, context);
            distortions.add(run.distortion());
            if (best == null || run.distortion() < best.distortion()) {
                best = run;
                bestRestart = r;
            }
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>(best.diagnostics());
        diagnostics.put("init", options.init().yamlName());
        diagnostics.put("init_sample_rows", sample.rows());
        diagnostics.put("best_restart", bestRestart);
        diagnostics.put("restart_distortions", distortions);
        diagnostics.put("blocks", rows.blocks().size());
        return new Clustering(best.labels(), best.centroids(), best.sizes(), best.distortion(), best.iterations(),
                best.stopReason(), best.trace(), diagnostics);
    }

    private DistributedRows rowsFor(Rows source, int quantum) {
        if (current == null || !current.serves(source, quantum)) {
            close();
            current = source.spread(sc, quantum, partitions);
        }
        return current;
    }

    /** The data's summary: the first row from block 0, then every block's chunk sums folded in row order. */
    static DataSummary summary(DistributedRows rows) {
        List<float[]> first = rows.rdd().mapPartitions((Iterator<RowBlock.Loaded> it) -> {
            RowBlock.Loaded b = it.next();
            return b.index() == 0 ? List.of(b.matrix().row(0)).iterator() : java.util.Collections.<float[]>emptyIterator();
        }).collect();
        double[] shift = DataSummary.shift(FloatMatrix.wrap(1, rows.cols(), first.get(0)));
        List<List<double[]>> perBlock = rows.rdd().map(b -> DataSummary.chunkSums(b.matrix(), shift)).collect();
        List<double[]> all = new ArrayList<>();
        perBlock.forEach(all::addAll);
        return DataSummary.combine((int) rows.rows(), rows.cols(), shift, all);
    }

    /**
     * About {@code target} rows (at most twice that), in row order, each kept when a hash of
     * {@code seed} and its index falls below the sampling rate: the same rows whatever the
     * partitioning.
     */
    static FloatMatrix sample(DistributedRows rows, long seed, int target) {
        double rate = Math.min(1.0, (double) target / rows.rows());
        long salt = sampleSalt(seed);
        List<float[]> picked = rows.rdd().flatMap(b -> {
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < b.matrix().rows(); i++) {
                if (sampled(salt, b.firstRow() + i, rate)) {
                    out.add(b.matrix().row(i));
                }
            }
            return out.iterator();
        }).collect();
        int take = Math.min(picked.size(), 2 * target);
        float[] x = new float[take * rows.cols()];
        for (int i = 0; i < take; i++) {
            System.arraycopy(picked.get(i), 0, x, i * rows.cols(), rows.cols());
        }
        return FloatMatrix.wrap(take, rows.cols(), x);
    }

    /** Whether row {@code row} is in the sample of rate {@code rate} salted by {@code salt}. */
    static boolean sampled(long salt, long row, double rate) {
        return new SplittableRandom(salt ^ row * 0x9E3779B97F4A7C15L).nextDouble() < rate;
    }

    /** The salt of the initialisation sample of a fit seeded with {@code seed}. */
    static long sampleSalt(long seed) {
        return Seeds.derive(seed, "init-sample");
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
