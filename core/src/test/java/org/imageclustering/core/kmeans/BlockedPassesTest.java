package org.imageclustering.core.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A run over blocks of rows, each with its own {@link KMeansBlock} whose partials travel as
 * {@link ChunkPartials.Transfer}s (what a Spark partition does), gives the bits of a run in one
 * JVM: with any cut at chunk multiples, and when blocks lose their state mid-run and catch up.
 */
class BlockedPassesTest {
    /** 5,000 rows: five chunks of 1,024 at k = d = 8. */
    private static final FloatMatrix DATA = Fixtures.blobs(8, 625, 8, 3.0, 41).points();

    /** Blocks kept in this JVM; block {@code b} forgets its state before pass {@code loseAt[b]} (0: never). */
    private static final class InMemoryBlocks implements BlockedPasses.Blocks {
        private final FloatMatrix data;
        private final long[] starts;
        private final KMeansOptions options;
        private final KMeansVariant variant;
        private final int chunk;
        private final int[] loseAt;
        private final KMeansBlock[] blocks;
        private final List<float[]> centres = new ArrayList<>();
        private final List<double[]> moves = new ArrayList<>();
        private final int[] rebuilt;

        InMemoryBlocks(FloatMatrix data, long[] starts, KMeansOptions options, KMeansVariant variant, int chunk,
                       int[] loseAt, int[] rebuilt) {
            this.rebuilt = rebuilt;
            this.data = data;
            this.starts = starts;
            this.options = options;
            this.variant = variant;
            this.chunk = chunk;
            this.loseAt = loseAt;
            this.blocks = new KMeansBlock[starts.length];
        }

        private KMeansBlock newBlock(int b) {
            int from = (int) starts[b];
            int to = b + 1 < starts.length ? (int) starts[b + 1] : data.rows();
            FloatMatrix rows = data.rowRange(from, to);
            return new KMeansBlock(rows, null, from, options, variant, chunk, Parallelism.sequential());
        }

        @Override
        public List<ChunkPartials.Transfer> pass(int pass, float[] c, double[] moved) {
            centres.add(c.clone());
            moves.add(moved == null ? null : moved.clone());
            KMeansBlock.PassHistory history = new KMeansBlock.PassHistory() {
                @Override
                public float[] centres(int p) {
                    return centres.get(p - 1);
                }

                @Override
                public double[] moved(int p) {
                    return moves.get(p - 1);
                }
            };
            List<ChunkPartials.Transfer> out = new ArrayList<>();
            for (int b = 0; b < blocks.length; b++) {
                if (blocks[b] == null || pass == loseAt[b]) {
                    blocks[b] = newBlock(b);
                    blocks[b].catchUp(pass, history);
                    rebuilt[0] += pass > 1 ? 1 : 0;
                }
                blocks[b].pass(c, moved, pass == 1);
                out.add(blocks[b].partials().export());
            }
            return out;
        }

        @Override
        public List<KMeansBlock.Candidate> farthest(float[] c, long[] counts, int donor, int pass, long[] taken) {
            List<KMeansBlock.Candidate> out = new ArrayList<>();
            for (KMeansBlock block : blocks) {
                out.add(block.farthest(c, counts, donor, pass, taken));
            }
            return out;
        }

        @Override
        public int[] labels() {
            int[] all = new int[data.rows()];
            for (KMeansBlock block : blocks) {
                System.arraycopy(block.labels(), 0, all, (int) block.firstRow(), block.labels().length);
            }
            return all;
        }

        @Override
        public Map<String, Object> diagnostics() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }

    private static Clustering fitOverBlocks(KMeansOptions options, FloatMatrix start, long[] starts, int[] loseAt,
                                            int[] rebuilt) {
        AssignmentPasses.Factory factory = (data, norms, opts, variant, chunk, parallel) -> {
            int[] chunks = new int[starts.length];
            for (int b = 0; b < starts.length; b++) {
                long end = b + 1 < starts.length ? starts[b + 1] : data.rows();
                chunks[b] = Parallelism.chunkCount((int) (end - starts[b]), chunk);
            }
            InMemoryBlocks blocks = new InMemoryBlocks(data, starts, opts, variant, chunk, loseAt, rebuilt);
            return new BlockedPasses(opts.k(), data.cols(), chunks, blocks);
        };
        return new KMeans(options, () -> factory).fitFrom(DATA, start, new FitContext(3, Parallelism.sequential(),
                FitListener.NONE));
    }

    private static void assertSameRun(Clustering local, Clustering blocked, String what) {
        assertArrayEquals(local.labels(), blocked.labels(), what + ": labels");
        assertEquals(local.centroids(), blocked.centroids(), what + ": centroids");
        assertEquals(Double.doubleToLongBits(local.distortion()), Double.doubleToLongBits(blocked.distortion()),
                what + ": distortion bits");
        assertEquals(local.trace().size(), blocked.trace().size(), what + ": iterations");
        for (int i = 0; i < local.trace().size(); i++) {
            assertEquals(Double.doubleToLongBits(local.trace().get(i).distortion()),
                    Double.doubleToLongBits(blocked.trace().get(i).distortion()), what + ": trace " + i);
        }
        Map<String, Object> a = new java.util.TreeMap<>(local.diagnostics());
        Map<String, Object> b = new java.util.TreeMap<>(blocked.diagnostics());
        a.remove("row_lane_kernel");
        b.remove("row_lane_kernel");
        assertEquals(a, b, what + ": diagnostics, work counts included");
    }

    private static FloatMatrix start(int k) {
        return Initializers.initialCentroids(DATA, KMeansOptions.defaults(k), 11, Parallelism.sequential());
    }

    @Test
    void blocksCutAtChunkMultiplesGiveTheBitsOfOneBlockForEveryVariant() {
        FloatMatrix start = start(8);
        for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.LLOYD, KMeansVariant.HAMERLY, KMeansVariant.ELKAN}) {
            KMeansOptions options = KMeansOptions.defaults(8).withVariant(v).withMaxIterations(40);
            Clustering local = new KMeans(options).fitFrom(DATA, start, FitContext.of(3));
            assertTrue(local.iterations() > 3, "the fixture should need iterations");
            for (long[] starts : new long[][] {{0}, {0, 1024}, {0, 2048, 3072}, {0, 1024, 2048, 3072, 4096}}) {
                Clustering blocked = fitOverBlocks(options, start, starts, new int[starts.length], new int[1]);
                assertSameRun(local, blocked, v.yamlName() + " over " + starts.length + " blocks");
            }
        }
    }

    @Test
    void blocksThatLoseTheirStateMidRunCatchUpToTheSameBitsAndWork() {
        FloatMatrix start = start(8);
        for (KMeansVariant v : new KMeansVariant[] {KMeansVariant.HAMERLY, KMeansVariant.ELKAN, KMeansVariant.LLOYD}) {
            KMeansOptions options = KMeansOptions.defaults(8).withVariant(v).withMaxIterations(40);
            Clustering local = new KMeans(options).fitFrom(DATA, start, FitContext.of(3));
            int[] rebuilt = new int[1];
            Clustering blocked = fitOverBlocks(options, start, new long[] {0, 2048, 3072}, new int[] {0, 3, 2},
                    rebuilt);
            assertEquals(2, rebuilt[0], "two blocks lost their state");
            assertSameRun(local, blocked, v.yamlName() + " with lost blocks");
        }
    }

    @Test
    void anEmptyClusterTakesTheSameRowWhicheverBlockHoldsIt() {
        // Two centres far from every row start empty: each takes the farthest row of the blocks.
        FloatMatrix start = start(8);
        float[] c = start.data().clone();
        for (int j = 0; j < DATA.cols(); j++) {
            c[6 * DATA.cols() + j] = 1e4f;
            c[7 * DATA.cols() + j] = -1e4f;
        }
        FloatMatrix far = FloatMatrix.wrap(8, DATA.cols(), c);
        for (EmptyClusterPolicy policy : new EmptyClusterPolicy[] {EmptyClusterPolicy.FARTHEST_POINT,
                EmptyClusterPolicy.LARGEST_CLUSTER_SPLIT}) {
            KMeansOptions options = KMeansOptions.defaults(8).withVariant(KMeansVariant.HAMERLY)
                    .withEmptyClusterPolicy(policy).withMaxIterations(40);
            Clustering local = new KMeans(options).fitFrom(DATA, far, FitContext.of(3));
            assertEquals(2L, local.diagnostics().get("empty_cluster_relocations"), policy.yamlName());
            Clustering blocked = fitOverBlocks(options, far, new long[] {0, 1024, 3072}, new int[3], new int[1]);
            assertSameRun(local, blocked, policy.yamlName());
        }
    }
}
