package org.imageclustering.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformCacheTest {
    private final ImageShape shape = new ImageShape(1, 6, 6);
    private final DatasetSplits splits = new DatasetSplits(TestData.randomImages(40, shape, 1),
            TestData.randomImages(10, shape, 2));
    private final List<Map<String, Object>> entries = List.of(Map.of("transform", "pca", "components", 3));

    private TransformCache.Entry compute(AtomicInteger calls) {
        calls.incrementAndGet();
        Transforms.Fitted f = Transforms.fit(Transforms.create(TransformsTest.FACTORIES, entries, "t"), splits.train(),
                TestData.context(1));
        return new TransformCache.Entry(f.train(), f.chain().apply(splits.test()), f.chain());
    }

    @Test
    void computesEachKeyOnceInMemory() {
        TransformCache cache = new TransformCache();
        AtomicInteger calls = new AtomicInteger();
        String key = Transforms.cacheKey(splits.train(), entries, 1);
        TransformCache.Entry a = cache.get(key, splits, () -> compute(calls));
        assertSame(a, cache.get(key, splits, () -> compute(calls)));
        assertEquals(1, calls.get());
    }

    @Test
    void diskEntriesRoundTripWithLabelsFromTheSource(@TempDir Path dir) {
        AtomicInteger calls = new AtomicInteger();
        String key = Transforms.cacheKey(splits.train(), entries, 1);
        TransformCache.Entry computed = new TransformCache(dir).get(key, splits, () -> compute(calls));
        TransformCache.Entry read = new TransformCache(dir).get(key, splits, () -> compute(calls));
        assertEquals(1, calls.get());
        assertArrayEquals(computed.train().features().data(), read.train().features().data());
        assertArrayEquals(computed.test().features().data(), read.test().features().data());
        assertArrayEquals(splits.train().labels(), read.train().labels());
        assertNull(read.train().shape());
        assertNull(read.chain());
    }

    @Test
    void imageShapeSurvivesTheDiskFormat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.f32");
        TransformCache.write(f, splits.train());
        Dataset back = TransformCache.read(f, splits.train());
        assertEquals(shape, back.shape());
        assertArrayEquals(splits.train().features().data(), back.features().data());
    }

    @Test
    void truncatedCacheFileNamesTheFileAndOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.f32");
        TransformCache.write(f, splits.train());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, 28 + 4 * 36 * 2 + 10));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TransformCache.read(f, splits.train()));
        assertEquals(28 + 4 * 36 * 2, e.offset());
        assertTrue(e.getMessage().contains("x.f32") && e.getMessage().contains("row 2"), e.getMessage());
        Files.write(f, new byte[] {1, 2, 3, 4, 0, 0, 0, 1});
        DatasetFormatException magic = assertThrows(DatasetFormatException.class,
                () -> TransformCache.read(f, splits.train()));
        assertEquals(0, magic.offset());
        TransformCache.write(f, splits.test());
        TransformCache cache = new TransformCache(dir);
        Files.move(f, dir.resolve("k.train.f32"));
        Files.copy(dir.resolve("k.train.f32"), dir.resolve("k.test.f32"));
        UncheckedIOException wrongRows = assertThrows(UncheckedIOException.class,
                () -> cache.get("k", splits, () -> compute(new AtomicInteger())));
        assertTrue(wrongRows.getCause().getMessage().contains("expected 40 rows"), wrongRows.getMessage());
    }
}
