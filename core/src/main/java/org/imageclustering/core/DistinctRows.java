package org.imageclustering.core;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Counts the distinct rows of a matrix, and warns when a fit asks for more clusters than there are:
 * exact duplicates (the same image twice) sit at distance 0 from each other, so they always share a
 * cluster, and at most as many clusters as distinct rows can hold rows (scikit-learn warns too).
 */
public final class DistinctRows {
    private static final Logger LOG = LogManager.getLogger(DistinctRows.class);

    private DistinctRows() {
    }

    /** Rows of {@code x} that differ from every earlier row in some value ({@code -0.0 == 0.0}); one O(n d) pass. */
    public static int count(FloatMatrix x) {
        int n = x.rows();
        int d = x.cols();
        float[] v = x.data();
        Map<Integer, int[]> firstByHash = new HashMap<>(); // hash -> rows with that hash seen so far
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            int h = 1;
            for (int j = 0; j < d; j++) {
                float f = v[i * d + j];
                h = 31 * h + (f == 0 ? 0 : Float.floatToIntBits(f));
            }
            int[] same = firstByHash.get(h);
            boolean seen = false;
            for (int r = 0; same != null && r < same.length && !seen; r++) {
                seen = equalRows(v, same[r] * d, i * d, d);
            }
            if (!seen) {
                distinct++;
                int[] grown = same == null ? new int[1] : java.util.Arrays.copyOf(same, same.length + 1);
                grown[grown.length - 1] = i;
                firstByHash.put(h, grown);
            }
        }
        return distinct;
    }

    private static boolean equalRows(float[] v, int a, int b, int d) {
        for (int j = 0; j < d; j++) {
            if (v[a + j] != v[b + j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code fit} with a warning (logged, and added to its diagnostics) when it has more clusters
     * than {@code data} has distinct rows, or when clusters ended without rows; else {@code fit}.
     * Rows are counted only when the check needs them, unless {@code alwaysCount}: a k-means fit
     * with k above the distinct rows always ends with empty clusters, since its final labels put all
     * copies of a row in one cluster; other methods (spectral) need the count.
     */
    public static Clustering warnIfTooFew(FloatMatrix data, Clustering fit, boolean alwaysCount) {
        int empty = 0;
        for (int size : fit.sizes()) {
            empty += size == 0 ? 1 : 0;
        }
        if (empty == 0 && !alwaysCount) {
            return fit;
        }
        int k = fit.k();
        int distinct = count(data);
        String warning;
        if (distinct < k) {
            warning = "k = " + k + " is larger than the number of distinct rows (" + distinct + " of " + data.rows()
                    + " rows; the others are exact duplicates): " + (empty > 0 ? empty + " clusters are empty"
                    : "copies of one row are split between clusters") + "; use k <= " + distinct;
        } else if (empty > 0) {
            warning = empty + " of " + k + " clusters are empty at the end of the fit (stop reason "
                    + fit.stopReason() + ")";
        } else {
            return fit;
        }
        LOG.warn(warning);
        return fit.withWarning(warning);
    }
}
