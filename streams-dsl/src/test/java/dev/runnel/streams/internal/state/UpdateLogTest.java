package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.runnel.common.utils.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateLogTest {
    private static ThreadCache.Entry entry(String key) {
        return new ThreadCache.Entry(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), new byte[0], null);
    }

    @Test
    void shouldTakeEntriesInTheOrderOfTheirLastUpdate() {
        UpdateLog log = new UpdateLog();
        ThreadCache.Entry a = entry("a");
        ThreadCache.Entry b = entry("b");
        ThreadCache.Entry c = entry("c");
        log.append(a);
        log.append(b);
        log.append(a);
        log.append(c);
        log.append(b);
        assertEquals(3, log.size());
        assertSame(a, log.takeOldest());
        assertSame(c, log.takeOldest());
        assertSame(b, log.takeOldest());
        assertNull(log.takeOldest());
        log.checkInvariants();
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 4);
    }

    /** Appends and takes at random, a few keys updated often (stale slots) and many rarely, against a model. */
    @ParameterizedTest
    @MethodSource("seeds")
    void shouldMatchAnOrderedSetModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ThreadCache.Entry> pool = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pool.add(entry("k" + i));
        }
        UpdateLog log = new UpdateLog();
        LinkedHashSet<ThreadCache.Entry> model = new LinkedHashSet<>();
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(100);
            if (op < 70) {
                ThreadCache.Entry next = pool.get(random.nextInt(random.nextBoolean() ? 10 : pool.size()));
                log.append(next);
                model.remove(next);
                model.add(next);
            } else if (op < 99) {
                ThreadCache.Entry oldest = model.isEmpty() ? null : model.iterator().next();
                assertSame(oldest, log.takeOldest(), "seed=" + seed + " step=" + step);
                model.remove(oldest);
            } else {
                log.clear();
                model.clear();
            }
            assertEquals(model.size(), log.size(), "seed=" + seed + " step=" + step);
            log.checkInvariants();
        }
    }
}
