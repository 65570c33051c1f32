package org.imageclustering.spark.kmeans;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.imageclustering.core.kmeans.KMeansBlock;

/**
 * What one pass sends every block: its centres and how far they moved since the last pass. A
 * pass's task carries its own input and the broadcast handles of every earlier pass, so that a
 * block that lost its state can replay them (the executor fetches only those it replays; the
 * usual task reads no broadcast of ours).
 */
record PassInput(float[] centres, double[] moved) implements Serializable {

    /**
     * The history of a run's passes: the handles of the broadcasts of passes 1 to
     * {@code passes.size()} (pass {@code p} at index {@code p - 1}), and {@code latest} for the
     * pass after them (null when the last handle is the latest pass).
     */
    static KMeansBlock.PassHistory history(List<Broadcast<PassInput>> passes, PassInput latest) {
        return new KMeansBlock.PassHistory() {
            private PassInput input(int pass) {
                return latest != null && pass == passes.size() + 1 ? latest : passes.get(pass - 1).value();
            }

            @Override
            public float[] centres(int pass) {
                return input(pass).centres();
            }

            @Override
            public double[] moved(int pass) {
                return input(pass).moved();
            }
        };
    }
}
