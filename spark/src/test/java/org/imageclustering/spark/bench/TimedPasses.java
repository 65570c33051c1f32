package org.imageclustering.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imageclustering.core.kmeans.AssignmentPasses;
import org.imageclustering.core.kmeans.ChunkPartials;
import org.imageclustering.core.kmeans.KMeansBlock;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.kmeans.KMeansVariant;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;

/**
 * A driver-side stopwatch around another engine's passes: how long each {@code pass} call takes
 * (on Spark: broadcasting the centres, the job, and collecting the partials) and each
 * {@code partials} call (on Spark: putting the collected partials in place), per fit.
 */
final class TimedPasses implements AssignmentPasses.Factory {
    private final AssignmentPasses.Factory inner;
    private final List<Double> passMs = new ArrayList<>();
    private final List<Double> partialsMs = new ArrayList<>();

    TimedPasses(AssignmentPasses.Factory inner) {
        this.inner = inner;
    }

    void reset() {
        passMs.clear();
        partialsMs.clear();
    }

    double medianPassMs() {
        return median(passMs);
    }

    double medianPartialsMs() {
        return median(partialsMs);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    @Override
    public AssignmentPasses open(FloatMatrix data, double[] rowNorms, KMeansOptions options, KMeansVariant variant,
                                 int chunkSize, Parallelism parallel) {
        AssignmentPasses p = inner.open(data, rowNorms, options, variant, chunkSize, parallel);
        return new AssignmentPasses() {
            @Override
            public void pass(int pass, float[] centres, double[] moved) {
                long t0 = System.nanoTime();
                p.pass(pass, centres, moved);
                passMs.add((System.nanoTime() - t0) / 1e6);
            }

            @Override
            public List<ChunkPartials> partials() {
                long t0 = System.nanoTime();
                List<ChunkPartials> out = p.partials();
                partialsMs.add((System.nanoTime() - t0) / 1e6);
                return out;
            }

            @Override
            public KMeansBlock.Candidate farthest(float[] centres, long[] counts, int donor, int pass, long[] taken) {
                return p.farthest(centres, counts, donor, pass, taken);
            }

            @Override
            public int[] labels() {
                return p.labels();
            }

            @Override
            public Map<String, Object> diagnostics() {
                return p.diagnostics();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }
}
