package org.imageclustering.spark.kmeans;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.imageclustering.core.kmeans.BlockedPasses;
import org.imageclustering.core.kmeans.ChunkPartials;
import org.imageclustering.core.kmeans.KMeansBlock;

/**
 * The blocks of one k-means run on Spark: each call is one Spark job over the cached partitions,
 * and its answers come back by {@code collect}, in partition order, whatever order the tasks
 * finished in. The executors keep each block's state between jobs ({@link ExecutorBlocks}).
 */
final class SparkBlocks implements BlockedPasses.Blocks {
    private static final Logger LOG = LogManager.getLogger(SparkBlocks.class);

    private final JavaSparkContext sc;
    private final DistributedRows rows;
    private final BlockSettings settings;
    private final List<Broadcast<PassInput>> passes = new ArrayList<>();
    private final boolean collectLabels;
    private final Runnable onClose;

    /**
     * {@code collectLabels}: whether {@link #labels} brings every row's label to the driver, or
     * none; {@code onClose} runs last when the run ends.
     */
    SparkBlocks(JavaSparkContext sc, DistributedRows rows, BlockSettings settings, boolean collectLabels,
                Runnable onClose) {
        this.collectLabels = collectLabels;
        this.onClose = onClose;
        this.sc = sc;
        this.rows = rows;
        this.settings = settings;
    }

    /** A block's answer to one job, with how often its state had to be rebuilt for it. */
    record Answer<T>(int block, T value, int rebuilds) implements java.io.Serializable {
    }

    @Override
    public List<ChunkPartials.Transfer> pass(int pass, float[] centres, double[] moved) {
        if (pass != passes.size() + 1) {
            throw new IllegalStateException("pass " + pass + " after " + passes.size() + " passes");
        }
        PassInput input = new PassInput(centres.clone(), moved == null ? null : moved.clone());
        List<Broadcast<PassInput>> history = List.copyOf(passes); // the earlier passes, for replays
        passes.add(sc.broadcast(input));
        BlockSettings s = settings;
        List<Answer<ChunkPartials.Transfer>> answers = rows.rdd().mapPartitions((Iterator<RowBlock.Loaded> it) -> {
            RowBlock.Loaded block = it.next();
            BlockState state = s.state(block);
            ChunkPartials.Transfer t = state.pass(pass, PassInput.history(history, input));
            return List.of(new Answer<>(block.index(), t, state.takeRebuilds())).iterator();
        }).collect();
        return values(answers, "pass " + pass);
    }

    @Override
    public List<KMeansBlock.Candidate> farthest(float[] centres, long[] counts, int donor, int pass, long[] taken) {
        List<Broadcast<PassInput>> history = List.copyOf(passes);
        BlockSettings s = settings;
        List<Answer<KMeansBlock.Candidate>> answers = rows.rdd().mapPartitions((Iterator<RowBlock.Loaded> it) -> {
            RowBlock.Loaded block = it.next();
            BlockState state = s.state(block);
            KMeansBlock.Candidate c;
            synchronized (state) {
                c = state.atPass(pass, PassInput.history(history, null)).farthest(centres, counts, donor, pass, taken);
            }
            return java.util.Collections.singletonList(new Answer<>(block.index(), c, state.takeRebuilds())).iterator();
        }).collect();
        return values(answers, "relocation after pass " + pass);
    }

    @Override
    public int[] labels() {
        if (!collectLabels) {
            return new int[0];
        }
        int pass = passes.size();
        List<Broadcast<PassInput>> history = List.copyOf(passes);
        BlockSettings s = settings;
        List<Answer<int[]>> answers = rows.rdd().mapPartitions((Iterator<RowBlock.Loaded> it) -> {
            RowBlock.Loaded block = it.next();
            BlockState state = s.state(block);
            int[] labels;
            synchronized (state) {
                labels = state.atPass(pass, PassInput.history(history, null)).labels().clone();
            }
            return List.of(new Answer<>(block.index(), labels, state.takeRebuilds())).iterator();
        }).collect();
        List<int[]> parts = values(answers, "labels");
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The answers' values in block order, after checking that every block answered once; logs rebuilds. */
    private <T> List<T> values(List<Answer<T>> answers, String what) {
        List<T> out = new ArrayList<>(answers.size());
        int rebuilds = 0;
        for (int b = 0; b < answers.size(); b++) {
            Answer<T> a = answers.get(b);
            if (a.block() != b) {
                throw new IllegalStateException(what + ": partition " + b + " answered for block " + a.block());
            }
            out.add(a.value());
            rebuilds += a.rebuilds();
        }
        if (answers.size() != rows.blocks().size()) {
            throw new IllegalStateException(what + ": " + answers.size() + " blocks answered, expected "
                    + rows.blocks().size());
        }
        if (rebuilds > 0) {
            LOG.info("{}: {} block state(s) rebuilt by replaying earlier passes (an executor was lost or a task "
                    + "moved); the results are unchanged", what, rebuilds);
        }
        return out;
    }

    @Override
    public Map<String, Object> diagnostics() {
        return new LinkedHashMap<>();
    }

    @Override
    public void close() {
        String run = settings.run();
        try {
            rows.rdd().foreachPartition(it -> ExecutorBlocks.forget(run));
        } finally {
            for (Broadcast<PassInput> b : passes) {
                b.destroy();
            }
            onClose.run();
        }
    }
}
