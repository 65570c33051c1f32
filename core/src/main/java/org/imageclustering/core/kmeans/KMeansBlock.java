package org.imageclustering.core.kmeans;

import java.io.Serializable;
import org.imageclustering.core.distance.Centers;
import org.imageclustering.core.distance.RowBlocks;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * A block of consecutive rows of a data set with everything one k-means run keeps about them: the
 * {@link AssignmentStep} (labels and per-chunk partial sums) and the variant's labelling with its
 * bounds. The whole data set is one block in this JVM; a Spark partition is one block on an
 * executor. Either way the same code labels the rows and leaves the same partials, so a run over
 * blocks gives the bits of a run over all rows, provided every block starts at a multiple of the
 * chunk size ({@link AssignmentStep#chunkSize}).
 *
 * <p>Calls follow the run: {@link #pass} once per assignment pass, with the centres of that pass
 * and how far each moved since the last one; then the partials are taken (combined in this JVM, or
 * {@link ChunkPartials#export exported}); {@link #farthest} between passes, when a cluster is
 * empty.
 */
public final class KMeansBlock {
    private final FloatMatrix rows;
    private final long firstRow;
    private final AssignmentStep step;
    private final Labeller labeller;
    private final Parallelism parallel;
    /** Per row, the distance to its own centre for the relocations after pass {@link #distancePass}, or -1 when taken. */
    private double[] ownDistance;
    private int distancePass = -1;
    /** The passes made so far. */
    private int passesDone;

    /**
     * A block of {@code rows}, the data set's rows from {@code firstRow} on (a multiple of
     * {@code chunkSize}), for a run of {@code options} with the resolved {@code variant};
     * {@code parallel} runs its chunks. {@code rowNorms} as {@link SquaredEuclidean#squaredNorms}
     * gives them, or null to compute them here.
     */
    public KMeansBlock(FloatMatrix rows, double[] rowNorms, long firstRow, KMeansOptions options, KMeansVariant variant,
                       int chunkSize, Parallelism parallel) {
        this(rows, rowNorms, firstRow, options, variant, chunkSize, parallel, null);
    }

    /** As the public constructor, with Lloyd's row-block copy of {@code rows} already made (or null). */
    KMeansBlock(FloatMatrix rows, double[] rowNorms, long firstRow, KMeansOptions options, KMeansVariant variant,
                int chunkSize, Parallelism parallel, RowBlocks lanes) {
        if (firstRow < 0 || firstRow % chunkSize != 0) {
            throw new IllegalArgumentException("a block must start at a multiple of the chunk size " + chunkSize
                    + ", this one starts at row " + firstRow);
        }
        this.rows = rows;
        this.firstRow = firstRow;
        this.parallel = parallel;
        double[] norms = rowNorms != null ? rowNorms : SquaredEuclidean.squaredNorms(rows, parallel);
        this.step = new AssignmentStep(rows, norms, options.k(), chunkSize);
        this.labeller = switch (variant) {
            case LLOYD -> new LloydLabeller(lanes != null ? lanes : rowBlocks(rows, options, parallel));
            case HAMERLY -> new HamerlyLabeller(rows.rows(), options.k(), step.partials.chunks());
            case ELKAN -> new ElkanLabeller(rows.rows(), options.k(), step.partials.chunks());
            case AUTO -> throw new IllegalArgumentException("resolve the variant first");
        };
    }

    /**
     * Fewest iterations allowed for which Lloyd copies the data into row blocks (at most
     * {@value SquaredEuclidean#ROW_LANE_MAX_K} centres): on Fashion-MNIST at K=10 the copy takes
     * 66-91 ms and each assignment pass then takes about 5 ms less (15 -> 10 ms), so it repays
     * itself after 13-18 iterations of a fit that runs to its limit, and fits usually run dozens.
     */
    static final int ROW_BLOCKS_MIN_ITERATIONS = 15;

    /**
     * The rows in row blocks for Lloyd's row-lane kernel, when there are few enough centres, enough
     * iterations to repay the copy, and room for it (at most a quarter of the maximum heap); else
     * null. The kernel gives the same bits either way, so this changes the speed only.
     */
    static RowBlocks rowBlocks(FloatMatrix rows, KMeansOptions options, Parallelism parallel) {
        if (options.k() > SquaredEuclidean.ROW_LANE_MAX_K || options.maxIterations() < ROW_BLOCKS_MIN_ITERATIONS) {
            return null;
        }
        // A fixed share of the maximum heap, not of the free heap: that counts uncollected garbage
        // as used, which would make the choice (never the result) vary from fit to fit.
        long bytes = RowBlocks.bytes(rows);
        if (bytes <= Runtime.getRuntime().maxMemory() / 4 && bytes / 4 < Integer.MAX_VALUE - 8) {
            return RowBlocks.of(rows, parallel);
        }
        return null;
    }

    /** The index of the block's first row in the data set. */
    public long firstRow() {
        return firstRow;
    }

    /**
     * One assignment pass over the block's rows against {@code centres} ({@code k x d}, row-major);
     * {@code moved[c]} is how far centre {@code c} moved since the last pass (null before the
     * first, when {@code first} is true). The changed labels, sums, counts and work are then in
     * {@link #partials()}.
     */
    public void pass(float[] centres, double[] moved, boolean first) {
        Centers prepared = Centers.of(FloatMatrix.wrap(step.k, step.d, centres));
        if (moved != null) {
            labeller.centresMoved(prepared, moved);
        }
        parallel.forEach(rows.rows(), step.chunkSize, (s, e) -> step.assign(s, e, prepared, labeller, first));
        passesDone++;
    }

    /** How many passes this block has made. */
    public int passesDone() {
        return passesDone;
    }

    /**
     * Brings the block, which has made fewer passes than {@code pass - 1}, to where it would be just
     * before pass {@code pass}, by making the passes it missed with their centres and moves from
     * {@code history}, and dropping their partials (the run combined those when they were first
     * made). A block rebuilt after its state was lost (an executor that died) so reaches the very
     * labels, bounds and counts it had, and its next pass leaves the same partials and work counts.
     */
    public void catchUp(int pass, PassHistory history) {
        while (passesDone < pass - 1) {
            int p = passesDone + 1;
            pass(history.centres(p), p == 1 ? null : history.moved(p), p == 1);
            step.partials.export(); // dropped: combined when first made
        }
    }

    /** The centres and moves of the passes of a run, by pass number (from 1). */
    public interface PassHistory {
        /** The centres of pass {@code pass}. */
        float[] centres(int pass);

        /** How far each centre moved before pass {@code pass} (from 2 on). */
        double[] moved(int pass);
    }

    /** The per-chunk partials the passes left since they were last combined or exported. */
    public ChunkPartials partials() {
        return step.partials;
    }

    /** The labels of the last pass, one per row of the block (the step's own array: do not change it). */
    public int[] labels() {
        return step.labels;
    }

    /** Whether Lloyd's labelling here uses the row-lane kernel (a speed choice, never a result). */
    public boolean usesRowLanes() {
        return labeller instanceof LloydLabeller lloyd && lloyd.usesRowLanes();
    }

    /**
     * The block's row farthest from its own centre among those an empty cluster may take after pass
     * {@code pass}: not in {@code taken} (global row indices already moved by this relocation), in a
     * cluster that keeps a row ({@code counts[label] > 1}) and, unless {@code donor} is
     * {@link EmptyClusterStrategy#ANY_CLUSTER}, in cluster {@code donor}; the first such row among
     * equals. Null when there is none.
     */
    public Candidate farthest(float[] centres, long[] counts, int donor, int pass, long[] taken) {
        int n = rows.rows();
        int d = rows.cols();
        float[] x = rows.data();
        int[] labels = step.labels;
        if (distancePass != pass) {
            double[] dist = ownDistance != null && ownDistance.length == n ? ownDistance : new double[n];
            parallel.forEach(n, step.chunkSize, (s, e) -> {
                for (int i = s; i < e; i++) {
                    dist[i] = SquaredEuclidean.distance(x, i * d, centres, labels[i] * d, d);
                }
            });
            ownDistance = dist;
            distancePass = pass;
        }
        double[] dist = ownDistance;
        for (long t : taken) {
            if (t >= firstRow && t < firstRow + n) {
                dist[(int) (t - firstRow)] = -1;
            }
        }
        int far = -1;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (dist[i] < 0 || counts[l] <= 1 || (donor != EmptyClusterStrategy.ANY_CLUSTER && l != donor)) {
                continue;
            }
            if (far < 0 || dist[i] > dist[far]) {
                far = i;
            }
        }
        if (far < 0) {
            return null;
        }
        float[] row = new float[d];
        System.arraycopy(x, far * d, row, 0, d);
        return new Candidate(firstRow + far, labels[far], dist[far], row);
    }

    /**
     * A row an empty cluster may take: its index in the data set, its label, its squared distance to
     * its own centre and its values.
     */
    public record Candidate(long row, int label, double distance, float[] values) implements Serializable {
        /** Whether this candidate is taken before {@code other}: farther, or as far and earlier. */
        public boolean beats(Candidate other) {
            return other == null || distance > other.distance
                    || (distance == other.distance && row < other.row);
        }
    }
}
