package org.example.extending;

import org.imageclustering.reporting.Metric;
import org.imageclustering.reporting.MetricInput;

/**
 * The share of rows in the largest cluster: 1/K for equal sizes, 1 when everything fell into one
 * cluster. Internal (needs no true labels); lower means more balanced clusters.
 */
public final class LargestClusterShare implements Metric {
    @Override
    public double score(MetricInput input) {
        int[] sizes = new int[input.centroids().rows()];
        int largest = 0;
        for (int label : input.predicted()) {
            largest = Math.max(largest, ++sizes[label]);
        }
        return input.predicted().length == 0 ? Double.NaN : (double) largest / input.predicted().length;
    }
}
