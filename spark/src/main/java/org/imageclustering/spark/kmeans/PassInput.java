package org.imageclustering.spark.kmeans;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.imageclustering.core.kmeans.KMeansBlock;

/**
 * What one pass sends every block: its centres and how far they moved since the last pass.
 * Broadcast once per pass; a task carries the handles of every pass so far, so that a block that
 * lost its state can replay them (the executor fetches only those it replays).
 */
record PassInput(float[] centres, double[] moved) implements Serializable {

    /** The history of a run's passes, from the handles of its broadcasts (pass {@code p} at index {@code p - 1}). */
    static KMeansBlock.PassHistory history(List<Broadcast<PassInput>> passes) {
        return new KMeansBlock.PassHistory() {
            @Override
            public float[] centres(int pass) {
                return passes.get(pass - 1).value().centres();
            }

            @Override
            public double[] moved(int pass) {
                return passes.get(pass - 1).value().moved();
            }
        };
    }
}
