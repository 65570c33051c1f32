package org.imageclustering.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelismTest {

    @Test
    void mapReturnsEveryChunkOnceInChunkOrder() {
        try (Parallelism p = Parallelism.of(3)) {
            AtomicInteger calls = new AtomicInteger();
            List<int[]> ranges = p.map(1_003, 10, (s, e) -> {
                calls.incrementAndGet();
                return new int[] {s, e};
            });
            assertEquals(101, calls.get());
            assertEquals(101, ranges.size());
            for (int c = 0; c < ranges.size(); c++) {
                assertEquals(c * 10, ranges.get(c)[0]);
                assertEquals(Math.min(1_003, c * 10 + 10), ranges.get(c)[1]);
            }
        }
    }

    @Test
    void callerAndWorkersShareTheChunks() {
        try (Parallelism p = Parallelism.of(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            // Each chunk waits (a while, not forever) for the other to start, so that one thread
            // cannot take both while the other is still waking up.
            AtomicInteger arrived = new AtomicInteger();
            p.forEach(2, 1, (s, e) -> {
                threads.add(Thread.currentThread().getName());
                arrived.incrementAndGet();
                long giveUp = System.nanoTime() + 10_000_000_000L;
                while (arrived.get() < 2 && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
            });
            assertEquals(2, threads.size());
            assertEquals(true, threads.contains(Thread.currentThread().getName()));
        }
    }

    @Test
    void firstFailingChunksExceptionIsRethrownAfterAllChunksRan() {
        try (Parallelism p = Parallelism.of(2)) {
            AtomicInteger ran = new AtomicInteger();
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> p.forEach(100, 1, (s, e) -> {
                ran.incrementAndGet();
                if (s == 37 || s == 80) {
                    throw new IllegalArgumentException("chunk " + s);
                }
            }));
            assertEquals("chunk 37", thrown.getMessage());
            assertEquals(100, ran.get());
        }
    }

    @Test
    void tasksMayCallMapThemselves() {
        try (Parallelism p = Parallelism.of(2)) {
            List<Integer> sums = p.map(8, 1, (s, e) -> p.mapReduce(50, 7, (a, b) -> b - a, 0, Integer::sum));
            assertEquals(new ArrayList<>(List.of(50, 50, 50, 50, 50, 50, 50, 50)), sums);
        }
    }

    @Test
    void oneThreadRunsEverythingOnTheCaller() {
        try (Parallelism p = Parallelism.sequential()) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            p.forEach(10, 1, (s, e) -> threads.add(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }
}
