package org.imageclustering.core.spectral;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.distance.SquaredEuclidean;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;

/**
 * Builders of the similarity graph that spectral clustering cuts: a kNN graph (connectivity or
 * self-tuning Gaussian weights), the dense RBF kernel, and a graph read from a triplet file.
 *
 * <p>References: L. Zelnik-Manor and P. Perona, Self-tuning spectral clustering, NIPS 2004;
 * U. von Luxburg, A tutorial on spectral clustering, Statistics and Computing 17 (2007).
 */
public final class Affinities {
    /** Rows of the data whose pairwise distances estimate the median heuristic. */
    static final int MEDIAN_SAMPLE = 1000;
    private static final int RBF_CHUNK = 64;

    private Affinities() {
    }

    /**
     * The symmetric kNN graph over the neighbour lists: with {@link KnnWeights#CONNECTIVITY}, each
     * directed edge weighs 1 and the graph is {@code (A + A^T) / 2} (mutual neighbours 1, one-sided
     * 0.5); with {@link KnnWeights#SELF_TUNING}, edge {@code (i, j)} of either direction weighs
     * {@code exp(-d_ij^2 / (sigma_i sigma_j))}, {@code sigma_i} being the distance from row i to its
     * {@code localScaleNeighbor}-th neighbour (capped at the list length).
     */
    public static SparseGraph knnGraph(NearestNeighbors.Result knn, KnnWeights weights, int localScaleNeighbor) {
        int n = knn.n();
        int k = knn.k();
        int[] from = new int[n * k];
        int[] to = new int[n * k];
        double[] w = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                from[i * k + r] = i;
                to[i * k + r] = knn.index(i, r);
            }
        }
        if (weights == KnnWeights.CONNECTIVITY) {
            Arrays.fill(w, 1.0);
            return SparseGraph.symmetrizedAverage(n, from, to, w);
        }
        double[] sigma = localScales(knn, Math.min(localScaleNeighbor, k));
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = knn.index(i, r);
                double d2 = Math.max(0, knn.squaredDistance(i, r));
                w[i * k + r] = Math.exp(-d2 / (sigma[i] * sigma[j]));
            }
        }
        return SparseGraph.symmetrizedUnion(n, from, to, w);
    }

    /**
     * The distance from every row to its {@code which}-th neighbour; a row whose neighbours all
     * coincide with it takes its first non-zero neighbour distance, or the smallest positive scale.
     */
    static double[] localScales(NearestNeighbors.Result knn, int which) {
        int n = knn.n();
        double[] sigma = new double[n];
        double smallestPositive = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = Math.sqrt(Math.max(0, knn.squaredDistance(i, which - 1)));
            for (int r = which; s == 0 && r < knn.k(); r++) {
                s = Math.sqrt(Math.max(0, knn.squaredDistance(i, r)));
            }
            sigma[i] = s;
            if (s > 0) {
                smallestPositive = Math.min(smallestPositive, s);
            }
        }
        double floor = Double.isFinite(smallestPositive) ? smallestPositive : 1.0;
        for (int i = 0; i < n; i++) {
            if (sigma[i] == 0) {
                sigma[i] = floor;
            }
        }
        return sigma;
    }

    /**
     * {@code 1 / median |x_i - x_j|^2} over the pairs of a seeded sample of at most
     * {@value #MEDIAN_SAMPLE} rows: the usual default width of the RBF kernel.
     */
    public static double medianHeuristicGamma(FloatMatrix x, long seed) {
        int n = x.rows();
        int[] sample = sampleRows(n, Math.min(n, MEDIAN_SAMPLE), seed);
        FloatMatrix s = x.selectRows(sample);
        int m = s.rows();
        double[] all = new double[m * (m - 1) / 2];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                all[p++] = SquaredEuclidean.distance(s, i, s, j);
            }
        }
        Arrays.sort(all);
        double median = all.length == 0 ? 0 : (all.length % 2 == 1 ? all[all.length / 2]
                : 0.5 * (all[all.length / 2 - 1] + all[all.length / 2]));
        if (!(median > 0)) {
            throw new IllegalArgumentException("the median heuristic needs distinct rows (median squared distance of"
                    + " the sample is " + median + "); give gamma explicitly");
        }
        return 1.0 / median;
    }

    /** {@code m} distinct rows of {@code [0, n)} chosen uniformly with the seed, in increasing order. */
    static int[] sampleRows(int n, int m, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = Seeds.rng(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, m);
        Arrays.sort(out);
        return out;
    }

    /**
     * The dense RBF affinity {@code exp(-gamma |x_i - x_j|^2)} with a zero diagonal (Ng, Jordan and
     * Weiss 2001), as a row-major {@code n x n} float array.
     */
    public static float[] rbfDense(FloatMatrix x, double gamma, Parallelism parallel) {
        int n = x.rows();
        float[] w = new float[Math.multiplyExact(n, n)];
        parallel.forEach(n, RBF_CHUNK, (s, e) -> {
            double[] block = new double[(e - s) * n];
            SquaredEuclidean.block(x, s, e, x, block);
            for (int i = s; i < e; i++) {
                int o = (i - s) * n;
                for (int j = 0; j < n; j++) {
                    w[i * n + j] = i == j ? 0f : (float) Math.exp(-gamma * Math.max(0, block[o + j]));
                }
            }
        });
        return w;
    }

    /**
     * Reads a sparse symmetric affinity from a text file of {@code i,j,w} lines: 0-based row indices
     * into the data and a finite weight {@code >= 0}. Blank lines, lines starting with {@code #} and a
     * first line {@code i,j,w} are skipped. Each undirected edge may be given once (either direction)
     * or in both directions with the same weight; a self-loop {@code i,i,w} is allowed.
     *
     * @throws IllegalArgumentException naming the file, line and column of the first bad entry
     */
    public static SparseGraph readPrecomputed(Path file, int n) {
        Map<Long, long[]> seen = new HashMap<>();
        IntList rows = new IntList();
        IntList cols = new IntList();
        DoubleList vals = new DoubleList();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#") || (lineNo == 1 && t.replace(" ", "").equalsIgnoreCase("i,j,w"))) {
                    continue;
                }
                String[] f = t.split(",", -1);
                if (f.length != 3) {
                    throw bad(file, lineNo, 0, "expected 3 comma-separated values i,j,w, found " + f.length
                            + " in '" + t + "'");
                }
                int i = index(file, lineNo, 1, f[0], n);
                int j = index(file, lineNo, 2, f[1], n);
                double w;
                try {
                    w = Double.parseDouble(f[2].trim());
                } catch (NumberFormatException e) {
                    throw bad(file, lineNo, 3, "expected a weight, found '" + f[2].trim() + "'");
                }
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw bad(file, lineNo, 3, "expected a finite weight >= 0, found " + f[2].trim());
                }
                long key = (long) Math.min(i, j) * n + Math.max(i, j);
                long[] prev = seen.get(key);
                if (prev != null) {
                    boolean sameDirection = prev[1] == i;
                    if (sameDirection || Double.longBitsToDouble(prev[2]) != w) {
                        throw bad(file, lineNo, 0, "edge " + i + "," + j + " was already given on line " + prev[0]
                                + (sameDirection ? "" : " with another weight " + Double.longBitsToDouble(prev[2])));
                    }
                    continue;
                }
                seen.put(key, new long[] {lineNo, i, Double.doubleToLongBits(w)});
                rows.add(i);
                cols.add(j);
                vals.add(w);
                if (i != j) {
                    rows.add(j);
                    cols.add(i);
                    vals.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the affinity file " + file + ": " + e.getMessage(), e);
        }
        return SparseGraph.fromTriplets(n, rows.toArray(), cols.toArray(), vals.toArray(), false);
    }

    private static int index(Path file, int line, int column, String text, int n) {
        String s = text.trim();
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad(file, line, column, "expected a row index, found '" + s + "'");
        }
        if (v < 0 || v >= n) {
            throw bad(file, line, column, "row index " + v + " is outside [0, " + n + ") (the data has " + n
                    + " rows)");
        }
        return v;
    }

    private static IllegalArgumentException bad(Path file, int line, int column, String problem) {
        return new IllegalArgumentException(file + ": line " + line + (column > 0 ? ", column " + column : "")
                + ": " + problem);
    }

    private static final class IntList {
        private int[] a = new int[1024];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, 2 * size);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class DoubleList {
        private double[] a = new double[1024];
        private int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, 2 * size);
            }
            a[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
