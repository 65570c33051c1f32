package org.imageclustering.core.kmeans;

import java.util.List;
import java.util.Map;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * Where the assignment passes of one k-means run happen: over all rows in this JVM (the default,
 * {@link #local}), or over blocks of rows elsewhere, such as the partitions of a Spark data set.
 * The run's loop ({@code LloydEngine}: combination, relocation, update, stopping rules, trace) is
 * the same code either way and only calls these methods, so a run over blocks that each do what
 * {@link KMeansBlock} does gives the bits of a run in this JVM.
 */
public interface AssignmentPasses extends AutoCloseable {

    /**
     * Assignment pass number {@code pass} (1 for the first, which has no {@code moved}) over every
     * row against {@code centres}; {@code moved[c]} is how far centre {@code c} moved since the
     * last pass. Afterwards {@link #partials()} hold the pass's changes.
     */
    void pass(int pass, float[] centres, double[] moved);

    /**
     * The partials left by the passes since they were last combined, one per block in row order
     * (each with its blocks' counters: changed labels, distances, exact tie checks).
     */
    List<ChunkPartials> partials();

    /**
     * The row farthest from its own centre that an empty cluster may take after pass {@code pass}
     * (see {@link KMeansBlock#farthest}), over all blocks, or null.
     */
    KMeansBlock.Candidate farthest(float[] centres, long[] counts, int donor, int pass, long[] taken);

    /** The labels of the last pass, in row order; empty when they stay where the rows are. */
    int[] labels();

    /** What the run's record should say about how the passes ran (a kernel choice, say); may be empty. */
    Map<String, Object> diagnostics();

    /** Releases what the passes hold (executor state, say). */
    @Override
    void close();

    /** Opens the passes of one run over {@code data} (rows already on the sphere for spherical k-means). */
    interface Factory {
        /**
         * The passes of one run of {@code options} (variant resolved to {@code variant}) over
         * {@code data}, whose kernel row norms are {@code rowNorms}, cut in chunks of
         * {@code chunkSize} rows; {@code data} and {@code rowNorms} are null when the factory holds
         * rows that live elsewhere ({@link KMeans#fitFrom(int, int, DataSummary, FloatMatrix, Factory, org.imageclustering.core.FitContext)}).
         */
        AssignmentPasses open(FloatMatrix data, double[] rowNorms, KMeansOptions options, KMeansVariant variant,
                              int chunkSize, Parallelism parallel);
    }

    /**
     * Passes over all rows in this JVM: one block, its chunks run by the fit's threads. One factory
     * serves the restarts of one fit, so Lloyd's row-block copy of the data is made once.
     */
    static Factory local() {
        org.imageclustering.core.distance.RowBlocks[] lanes = new org.imageclustering.core.distance.RowBlocks[1];
        FloatMatrix[] lanesOf = new FloatMatrix[1];
        return (data, rowNorms, options, variant, chunkSize, parallel) -> {
            if (variant == KMeansVariant.LLOYD && lanesOf[0] != data) {
                lanes[0] = KMeansBlock.rowBlocks(data, options, parallel);
                lanesOf[0] = data;
            }
            KMeansBlock block = new KMeansBlock(data, rowNorms, 0, options, variant, chunkSize, parallel,
                    variant == KMeansVariant.LLOYD ? lanes[0] : null);
            return new AssignmentPasses() {
                @Override
                public void pass(int pass, float[] centres, double[] moved) {
                    block.pass(centres, moved, pass == 1);
                }

                @Override
                public List<ChunkPartials> partials() {
                    return List.of(block.partials());
                }

                @Override
                public KMeansBlock.Candidate farthest(float[] centres, long[] counts, int donor, int pass, long[] taken) {
                    return block.farthest(centres, counts, donor, pass, taken);
                }

                @Override
                public int[] labels() {
                    return block.labels();
                }

                @Override
                public Map<String, Object> diagnostics() {
                    return variant == KMeansVariant.LLOYD ? Map.of("row_lane_kernel", block.usesRowLanes()) : Map.of();
                }

                @Override
                public void close() {
                    // nothing held beyond the heap
                }
            };
        };
    }
}
