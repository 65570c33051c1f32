package org.imageclustering.core.kmeans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assignment passes over blocks of rows that live elsewhere (Spark partitions, say), seen from
 * the JVM that runs the loop: each pass asks {@link Blocks} for every block's exported partials and
 * puts them in place in this side's copy of the block's partials, in block order, for
 * {@link ClusterSums#combine}; an empty cluster takes the best of the blocks' candidates. Blocks
 * that each do what {@link KMeansBlock} does, and start at multiples of the chunk size, so give the
 * bits of a run in one JVM, however many blocks there are and wherever they run.
 */
public final class BlockedPasses implements AssignmentPasses {
    /** The blocks, wherever they are: each call covers every block and answers in block order. */
    public interface Blocks extends AutoCloseable {
        /** Pass {@code pass} on every block ({@link KMeansBlock#pass}), each block's partials exported. */
        List<ChunkPartials.Transfer> pass(int pass, float[] centres, double[] moved);

        /** Every block's {@link KMeansBlock#farthest} (null where a block has none). */
        List<KMeansBlock.Candidate> farthest(float[] centres, long[] counts, int donor, int pass, long[] taken);

        /** Every block's labels, concatenated in block order, or an empty array when they stay with the blocks. */
        int[] labels();

        /** What the run's record should say about the blocks. */
        Map<String, Object> diagnostics();

        @Override
        void close();
    }

    private final Blocks blocks;
    private final List<ChunkPartials> mirrors = new ArrayList<>();

    /**
     * Passes over {@code blocks} for {@code k} centres of {@code d} features; block {@code b} holds
     * {@code blockChunks[b]} chunks.
     */
    public BlockedPasses(int k, int d, int[] blockChunks, Blocks blocks) {
        this.blocks = blocks;
        for (int chunks : blockChunks) {
            mirrors.add(ChunkPartials.empty(chunks, k, d));
        }
    }

    @Override
    public void pass(int pass, float[] centres, double[] moved) {
        List<ChunkPartials.Transfer> transfers = blocks.pass(pass, centres, moved);
        if (transfers.size() != mirrors.size()) {
            throw new IllegalStateException("pass " + pass + " returned the partials of " + transfers.size()
                    + " blocks, expected " + mirrors.size());
        }
        for (int b = 0; b < transfers.size(); b++) {
            mirrors.get(b).absorb(transfers.get(b));
        }
    }

    @Override
    public List<ChunkPartials> partials() {
        return mirrors;
    }

    @Override
    public KMeansBlock.Candidate farthest(float[] centres, long[] counts, int donor, int pass, long[] taken) {
        KMeansBlock.Candidate best = null;
        for (KMeansBlock.Candidate c : blocks.farthest(centres, counts, donor, pass, taken)) {
            if (c != null && c.beats(best)) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public int[] labels() {
        return blocks.labels();
    }

    @Override
    public Map<String, Object> diagnostics() {
        return new LinkedHashMap<>(blocks.diagnostics());
    }

    @Override
    public void close() {
        blocks.close();
    }
}
