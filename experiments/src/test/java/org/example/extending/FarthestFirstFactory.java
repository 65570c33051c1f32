package org.example.extending;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.ClusteringAlgorithm;
import org.imageclustering.core.ClusteringAlgorithmFactory;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.StopReason;

/**
 * Farthest-first traversal (Gonzalez 1985): a seeded first centre, then repeatedly the row farthest
 * from every centre chosen so far; the centres are those rows. Keys: {@code first} ({@code random} or {@code row-0}).
 */
public final class FarthestFirstFactory implements ClusteringAlgorithmFactory {
    @Override
    public ClusteringAlgorithm create(int k, Parameters params) {
        boolean randomFirst = params.choice("first", true, name -> switch (name) {
            case "random" -> true;
            case "row-0" -> false;
            default -> throw new IllegalArgumentException("expected random or row-0");
        });
        params.requireAllUsed();
        return (data, context) -> {
            int n = data.rows();
            int d = data.cols();
            if (n < k) {
                throw new IllegalArgumentException("farthest-first needs at least k = " + k + " rows, got " + n);
            }
            SplittableRandom rng = Seeds.rng(context.seed()); // the run's derived seed: same run, same result
            int[] labels = new int[n];
            double[] nearest = new double[n];
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            float[] centres = new float[k * d];
            int next = randomFirst ? rng.nextInt(n) : 0;
            for (int c = 0; c < k; c++) {
                System.arraycopy(data.data(), data.offset(next), centres, c * d, d);
                int farthest = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = data.get(i, j) - centres[c * d + j];
                        s += diff * diff;
                    }
                    if (s < nearest[i]) {
                        nearest[i] = s;
                        labels[i] = c;
                    }
                    if (nearest[i] > nearest[farthest]) {
                        farthest = i;
                    }
                }
                next = farthest;
            }
            int[] sizes = new int[k];
            double distortion = 0;
            for (int i = 0; i < n; i++) {
                sizes[labels[i]]++;
                distortion += nearest[i];
            }
            return new Clustering(labels, FloatMatrix.wrap(k, d, centres), sizes, distortion, 1,
                    StopReason.NOT_ITERATIVE, List.of(), Map.of("radius", Math.sqrt(nearest[next])));
        };
    }
}
