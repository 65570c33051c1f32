package org.imageclustering.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.datasets.FashionMnistLoader;
import org.junit.jupiter.api.Test;

class SubsampleTest {
    /** Surefire runs in the module folder; the sample is at the repository root. */
    private static final Path FASHION_MNIST_SAMPLE = Path.of("..", "data", "fashion-mnist-sample");

    /** 100 rows: 50 of class 0, 30 of class 1, 20 of class 2, interleaved; feature = row index. */
    private static Dataset dataset(int[] labels) {
        float[] x = new float[labels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        return new Dataset("d", FloatMatrix.wrap(labels.length, 1, x), labels, names, null, List.of());
    }

    private static int[] labels(int... counts) {
        int n = Arrays.stream(counts).sum();
        int[] y = new int[n];
        int[] left = counts.clone();
        int i = 0;
        while (i < n) {
            for (int c = 0; c < counts.length; c++) {
                if (left[c] > 0) {
                    y[i++] = c;
                    left[c]--;
                }
            }
        }
        return y;
    }

    private static int[] classCounts(Dataset d, int classes) {
        int[] c = new int[classes];
        for (int y : d.labels()) {
            c[y]++;
        }
        return c;
    }

    @Test
    void keepsClassProportionsExactlyWhenTheyDivide() {
        Dataset s = Subsample.stratified(dataset(labels(50, 30, 20)), 10, 7);
        assertEquals(10, s.size());
        assertArrayEquals(new int[] {5, 3, 2}, classCounts(s, 3));
    }

    @Test
    void largestRemaindersGetTheLeftoverRowsAndTiesGoToTheLowerClass() {
        // quotas 4*3/9 = 1.33 each: one extra row, to class 0
        assertArrayEquals(new int[] {2, 1, 1}, Subsample.apportion(new int[] {3, 3, 3}, 9, 4));
        // 7 of (10, 6, 4): exact 3.5, 2.1, 1.4 -> floors 3, 2, 1, one left for the largest remainder 0.5
        assertArrayEquals(new int[] {4, 2, 1}, Subsample.apportion(new int[] {10, 6, 4}, 20, 7));
        // 5 of (1, 1, 98): 0.05, 0.05, 4.9 -> 0, 0, 4 and the leftover goes to class 2 (remainder 0.9)
        assertArrayEquals(new int[] {0, 0, 5}, Subsample.apportion(new int[] {1, 1, 98}, 100, 5));
    }

    @Test
    void keepsOriginalOrderAndRowsMatchTheirLabels() {
        Dataset d = dataset(labels(50, 30, 20));
        Dataset s = Subsample.stratified(d, 17, 3);
        float prev = -1;
        for (int i = 0; i < s.size(); i++) {
            float row = s.features().get(i, 0);
            assertTrue(row > prev, "rows out of order at " + i);
            assertEquals(d.labels()[(int) row], s.labels()[i]);
            prev = row;
        }
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        Dataset d = dataset(labels(50, 30, 20));
        int[] a = Subsample.indices(d.labels(), d.size(), 20, 42);
        int[] b = Subsample.indices(d.labels(), d.size(), 20, 42);
        int[] c = Subsample.indices(d.labels(), d.size(), 20, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void limitAtLeastTheSizeReturnsTheDatasetItself() {
        Dataset d = dataset(labels(5, 5));
        assertSame(d, Subsample.stratified(d, 10, 1));
        assertSame(d, Subsample.stratified(d, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> Subsample.stratified(d, 0, 1));
    }

    @Test
    void unlabelledDataIsSubsampledUniformlyAndInOrder() {
        Dataset d = new Dataset("u", FloatMatrix.wrap(50, 1, new float[50]), null, List.of(), null, List.of());
        int[] idx = Subsample.indices(null, 50, 10, 9);
        assertEquals(10, Arrays.stream(idx).distinct().count());
        for (int i = 1; i < idx.length; i++) {
            assertTrue(idx[i] > idx[i - 1]);
        }
        assertEquals(10, Subsample.stratified(d, 10, 9).size());
    }

    @Test
    void everyRowOfAClassIsReachable() {
        // a uniform choice inside a class: over many seeds each of the 30 class-1 rows gets picked
        Dataset d = dataset(labels(50, 30, 20));
        boolean[] seen = new boolean[100];
        for (long seed = 0; seed < 200; seed++) {
            for (int i : Subsample.indices(d.labels(), 100, 10, seed)) {
                seen[i] = true;
            }
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(seen[i], "row " + i + " never chosen");
        }
    }

    @Test
    void stratifiedSubsampleOfTheSampleKeepsClassShares() throws Exception {
        Dataset train = new FashionMnistLoader().load(LoaderOptions.at(FASHION_MNIST_SAMPLE)).train();
        int[] counts = new int[10];
        for (int y : train.labels()) {
            counts[y]++;
        }
        Dataset small = Subsample.stratified(train, 300, 11);
        int[] kept = new int[10];
        for (int y : small.labels()) {
            kept[y]++;
        }
        assertArrayEquals(Subsample.apportion(counts, 2000, 300), kept);
        for (int c = 0; c < 10; c++) {
            assertTrue(Math.abs(kept[c] - 300.0 * counts[c] / 2000) < 1, "class " + c);
        }
        assertEquals(train.shape(), small.shape());
        assertEquals(train.sources(), small.sources());
    }
}
