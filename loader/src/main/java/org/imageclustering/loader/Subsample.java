package org.imageclustering.loader;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imageclustering.core.Seeds;

/**
 * Seeded stratified subsampling: a smaller dataset whose class proportions match the original's
 * as closely as whole numbers allow, with the rows kept in their original order.
 *
 * <p>Class {@code c} with {@code n_c} of {@code n} rows gets {@code floor(limit * n_c / n)} rows, and
 * the rows still missing go one each to the classes with the largest remainders (Hamilton's
 * largest-remainder apportionment; ties go to the lower class index). Within a class the rows are a
 * uniform random choice (a partial Fisher-Yates shuffle driven by {@link Seeds#rng(long)}), so the same
 * seed gives the same rows on every machine. Unlabelled data is subsampled uniformly.
 */
public final class Subsample {
    private Subsample() {
    }

    /**
     * At most {@code limit} rows of {@code data}, stratified by label; {@code data} itself when it has
     * no more than {@code limit} rows.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public static Dataset stratified(Dataset data, int limit, long seed) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        int n = data.size();
        if (limit >= n) {
            return data;
        }
        return data.select(indices(data.labels(), n, limit, seed));
    }

    /**
     * The ascending row indices a stratified subsample of {@code limit} of {@code n} rows keeps
     * ({@code labels} may be null for a uniform choice).
     */
    public static int[] indices(int[] labels, int n, int limit, long seed) {
        SplittableRandom rng = Seeds.rng(seed);
        if (labels == null) {
            int[] all = identity(n);
            partialShuffle(all, limit, rng);
            int[] chosen = Arrays.copyOf(all, limit);
            Arrays.sort(chosen);
            return chosen;
        }
        int classes = 0;
        for (int y : labels) {
            if (y < 0) {
                throw new IllegalArgumentException("labels must be >= 0, found " + y);
            }
            classes = Math.max(classes, y + 1);
        }
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        int[] quota = apportion(counts, n, limit);
        int[][] members = new int[classes][];
        for (int c = 0; c < classes; c++) {
            members[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            members[labels[i]][fill[labels[i]]++] = i;
        }
        int[] chosen = new int[limit];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            partialShuffle(members[c], quota[c], rng);
            System.arraycopy(members[c], 0, chosen, k, quota[c]);
            k += quota[c];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Largest-remainder apportionment of {@code limit} seats to classes of the given sizes. */
    static int[] apportion(int[] counts, int n, int limit) {
        int classes = counts.length;
        int[] quota = new int[classes];
        long[] remainder = new long[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            long exact = (long) limit * counts[c];
            quota[c] = (int) (exact / n);
            remainder[c] = exact % n;
            given += quota[c];
        }
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        // exact integer remainders, so ties are real ties and are broken by class index
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int j = 0; given < limit; j++) {
            quota[order[j]]++;
            given++;
        }
        return quota;
    }

    private static void partialShuffle(int[] a, int k, SplittableRandom rng) {
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
