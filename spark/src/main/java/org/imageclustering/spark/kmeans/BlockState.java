package org.imageclustering.spark.kmeans;

import java.util.function.Supplier;
import org.imageclustering.core.kmeans.ChunkPartials;
import org.imageclustering.core.kmeans.KMeansBlock;

/**
 * One partition's part in one k-means run, kept on the executor between passes: its
 * {@link KMeansBlock} and the partials of its last pass. Every call first brings the block to
 * the pass it is asked about: a task that Spark reruns (its result was lost) gets the same answer
 * again, and a block whose state is gone (an executor that died, a task placed elsewhere) is
 * rebuilt and replays the passes it missed ({@link KMeansBlock#catchUp}), so the answers are the
 * bits the first attempt would have given.
 */
final class BlockState {
    private final Supplier<KMeansBlock> fresh;
    private KMeansBlock block;
    private ChunkPartials.Transfer last;
    private int lastPass;
    /** How many times this state was rebuilt from nothing after pass 1, since last asked. */
    private int rebuilds;

    BlockState(Supplier<KMeansBlock> fresh) {
        this.fresh = fresh;
    }

    /** Pass {@code pass}'s exported partials, made now or, when a rerun asks again, as made before. */
    synchronized ChunkPartials.Transfer pass(int pass, KMeansBlock.PassHistory history) {
        if (last != null && lastPass == pass && block.passesDone() == pass) {
            return last;
        }
        KMeansBlock b = atPass(pass - 1, history);
        b.pass(history.centres(pass), pass == 1 ? null : history.moved(pass), pass == 1);
        last = b.partials().export();
        lastPass = pass;
        return last;
    }

    /** The block as it is right after pass {@code pass}, replaying what it lacks. */
    synchronized KMeansBlock atPass(int pass, KMeansBlock.PassHistory history) {
        if (block == null || block.passesDone() > pass) {
            if (block != null || pass > 0) {
                rebuilds++;
            }
            block = fresh.get();
            last = null;
        }
        if (block.passesDone() < pass) {
            block.catchUp(pass + 1, history);
            last = null;
        }
        return block;
    }

    /** How many times this state was rebuilt since the last call. */
    synchronized int takeRebuilds() {
        int r = rebuilds;
        rebuilds = 0;
        return r;
    }
}
