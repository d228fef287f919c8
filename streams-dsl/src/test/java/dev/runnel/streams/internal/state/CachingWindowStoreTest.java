package dev.runnel.streams.internal.state;

import static dev.runnel.streams.internal.state.StoreBytes.key;
import static dev.runnel.streams.internal.state.StoreBytes.string;
import static dev.runnel.streams.internal.state.StoreBytes.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The caching layer of window stores over a change-logged in-memory store: collapsing, flush order, old values, merged
 * reads, write-downs of a full cache (against a model), and reads from another thread. Seeded: replay a failure with
 * {@code -Dtest.seed=<seed>}.
 */
class CachingWindowStoreTest {
    private static final long SIZE = 10;

    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 11);
    }

    /** Names a window as the flush records do: "key@start". */
    private static String name(Windowed<Bytes> window) {
        return string(window.key().get()) + "@" + window.window().start();
    }

    private Fixture fixture;

    /** A caching store with a thread cache of {@code cacheBytes}, recording flushes as "key@start=new/old". */
    private static final class Fixture extends CachingWindowedStoreFixture<CachingWindowStore> {
        final InMemoryWindowStore inner;

        Fixture(ThreadCache cache) {
            this(new InMemoryWindowStore("store", 1_000_000L, SIZE, false), cache);
        }

        private Fixture(InMemoryWindowStore inner, ThreadCache cache) {
            super(new CachingWindowStore(new ChangeLoggingWindowBytesStore(inner, StoreValueLayout.PLAIN, false), SIZE),
                cache, window -> {
                    assertEquals(SIZE, window.window().end() - window.window().start(),
                        "flushed keys carry the whole window");
                    return name(window);
                });
            this.inner = inner;
        }

        String fetch(String k, long start) {
            return string(store.fetch(key(k), start));
        }

        List<String> fetch(String k, long from, long to, boolean backward) {
            List<String> result = new ArrayList<>();
            try (var iterator = backward ? store.backwardFetch(key(k), from, to) : store.fetch(key(k), from, to)) {
                iterator.forEachRemaining(kv -> result.add(kv.key + "=" + string(kv.value)));
            }
            return result;
        }
    }

    private Fixture fixture(long cacheBytes) {
        fixture = new Fixture(new ThreadCache(cacheBytes));
        return fixture;
    }

    @AfterEach
    void checkInvariants() {
        if (fixture != null) {
            fixture.checkInvariants();
            fixture.inner.checkInvariants();
        }
    }

    @Test
    void aWindowUpdatedAgainAndAgainKeepsTheUpdateListBoundedAndFlushesOnce() {
        Fixture f = fixture(1 << 20);
        f.store.put(key("b"), value("first"), 0);
        for (int i = 0; i < 10_000; i++) {
            f.store.put(key("a"), value(Integer.toString(i)), 0);
            assertTrue(f.store.listedCount() <= 2 * 1024 + 2, "replaced entries are dropped from the update list");
        }
        f.store.put(key("c"), value("last"), 0);
        assertEquals(3, f.store.dirtyCount());
        assertEquals("9999", f.fetch("a", 0));

        f.store.flush();
        assertEquals(List.of("b@0=first/null", "a@0=9999/null", "c@0=last/null"), f.flushed);
    }

    @Test
    void shouldCollapseUpdatesOfAWindowUntilFlushAndFlushInLastUpdateOrder() {
        Fixture f = fixture(1 << 20);
        f.store.put(key("a"), value("1"), 0);
        f.store.put(key("a"), value("2"), 0);
        f.store.put(key("b"), value("1"), 0);
        f.store.put(key("a"), value("x"), 10);
        f.store.put(key("a"), value("3"), 0);
        assertEquals("3", f.fetch("a", 0), "reads see the cache");
        assertEquals(List.of(), f.context.changelog, "nothing written down before flush");
        assertNull(f.inner.fetch(key("a"), 0));

        f.store.flush();
        assertEquals(List.of("b@0=1/null", "a@10=x/null", "a@0=3/null"), f.flushed);
        assertEquals(3, f.context.changelog.size(), "one write-down per window");
        assertArrayEquals(value("3"), f.inner.fetch(key("a"), 0));
        assertEquals(0, f.store.dirtyCount());

        f.store.put(key("a"), value("4"), 0);
        f.store.put(key("a"), value("5"), 0);
        f.store.flush();
        f.store.flush();
        assertEquals("a@0=5/3", f.flushed.get(3), "old value: the last written down");
        assertEquals(4, f.flushed.size(), "a clean cache flushes nothing");
    }

    @Test
    void shouldWriteEveryDirtyEntryDownInUpdateOrderWhenTheCacheIsFull() {
        // Room for four entries: the fifth put has the whole store written down, in order.
        Fixture f = fixture(4 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 16));
        List<String> puts = new ArrayList<>();
        for (int i = 0; f.flushed.isEmpty() && i < 100; i++) {
            f.store.put(key("k" + i), value("v"), 0);
            puts.add("k" + i + "@0=v/null");
        }
        assertEquals(5, puts.size(), puts.toString());
        assertEquals(puts, f.flushed, "every dirty entry, in update order");
        assertEquals(0, f.store.dirtyCount());
    }

    @Test
    void shouldReadWindowsNotYetWrittenDownWhileAWriteDownForwards() {
        Fixture f = fixture(1 << 20);
        List<String> seen = new ArrayList<>();
        // A write-down forwards downstream, where a processor may read the same store again.
        f.store.setFlushListener((k, newValue, oldValue, ts) -> seen.add(string(k.key().get()) + " sees b="
            + f.fetch("b", 0) + " and b@0..10=" + f.fetch("b", 0, 10, false)), false);
        f.store.put(key("a"), value("1"), 0);
        f.store.put(key("b"), value("1"), 0);
        f.store.put(key("b"), value("2"), 10);
        f.store.flush();
        assertEquals(List.of("a sees b=1 and b@0..10=[0=1, 10=2]",
            "b sees b=1 and b@0..10=[0=1, 10=2]",
            "b sees b=1 and b@0..10=[0=1, 10=2]"), seen);
        assertEquals(0, f.store.dirtyCount());
    }

    @Test
    void shouldForwardTheDeletionOfAWindowOnlyIfItWasWrittenDown() {
        Fixture f = fixture(1 << 20);
        f.store.put(key("a"), value("1"), 0);
        f.store.put(key("a"), null, 0);
        assertNull(f.fetch("a", 0), "a cached deletion hides the window");
        f.store.flush();
        assertEquals(List.of(), f.flushed, "never written down: nothing to delete downstream");

        f.store.put(key("a"), value("1"), 0);
        f.store.flush();
        f.store.put(key("a"), null, 0);
        assertNull(f.fetch("a", 0));
        assertArrayEquals(value("1"), f.inner.fetch(key("a"), 0), "still in the store until flushed");
        f.store.flush();
        assertEquals(List.of("a@0=1/null", "a@0=null/1"), f.flushed);
        assertNull(f.inner.fetch(key("a"), 0));
    }

    @Test
    void shouldMergeCacheAndStoreInReadsOfOneKey() {
        Fixture f = fixture(1 << 20);
        for (long start = 0; start <= 40; start += 10) {
            f.store.put(key("a"), value("s" + start), start);
        }
        f.store.put(key("b"), value("b"), 20);
        f.store.flush();
        f.store.put(key("a"), value("c10"), 10);
        f.store.put(key("a"), null, 20);
        f.store.put(key("a"), value("c50"), 50);
        f.store.put(key("a"), value("c5"), 5);

        assertEquals(List.of("5=c5", "10=c10", "30=s30", "40=s40"), f.fetch("a", 1, 40, false));
        assertEquals(List.of("50=c50", "40=s40", "30=s30", "10=c10", "5=c5", "0=s0"), f.fetch("a", -5, 99, true));
        assertEquals(List.of("10=c10"), f.fetch("a", 10, 10, false));
        assertEquals(List.of(), f.fetch("a", 20, 20, false), "a cached deletion hides the stored window");
        assertEquals(List.of(), f.fetch("a", 30, 10, false));
        assertEquals(4, f.store.dirtyCount(), "reads of one key do not flush");
        assertEquals(List.of("20=b"), f.fetch("b", 0, 99, false));
    }

    @Test
    void shouldMergeTheCacheIntoScansOfAllKeysAndFlushBeforeScansOfAKeyRange() {
        Fixture f = fixture(1 << 20);
        f.store.put(key("a"), value("1"), 0);
        f.store.put(key("b"), value("2"), 10);
        List<String> all = new ArrayList<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> iterator = f.store.fetchAll(0, 99)) {
            iterator.forEachRemaining(kv -> all.add(name(kv.key)));
        }
        assertEquals(List.of("a@0", "b@10"), all);
        // As Kafka's caching layer: a scan forwards nothing and leaves the entries cached.
        assertEquals(List.of(), f.flushed, "a scan of all keys merges the cache");
        assertEquals(2, f.store.dirtyCount());
        List<String> range = new ArrayList<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> iterator = f.store.fetch(key("a"), key("b"), 0, 99)) {
            iterator.forEachRemaining(kv -> range.add(name(kv.key)));
        }
        assertEquals(List.of("a@0", "b@10"), range);
        assertEquals(List.of("a@0=1/null", "b@10=2/null"), f.flushed, "a scan of a key range flushed first");
        assertEquals(0, f.store.dirtyCount());
    }

    @Test
    void shouldLogAWriteDownWithTheTimestampOfTheUpdateItHolds() {
        Fixture f = fixture(1 << 20);
        f.context.recordTimestamp = 7;
        f.store.put(key("a"), value("1"), 0);
        f.context.recordTimestamp = 0; // a commit, outside processing
        f.store.flush();
        assertEquals(7, f.context.changelog.get(0).timestamp());
    }

    @Test
    void shouldServeInteractiveQueriesFromAnotherThread() throws InterruptedException {
        Fixture f = fixture(1 << 20);
        f.store.put(key("a"), value("old"), 0);
        f.store.flush();
        f.store.put(key("a"), value("new"), 0);
        f.store.put(key("a"), value("next"), 10);
        List<String> seen = new ArrayList<>();
        Thread query = new Thread(() -> {
            seen.add(f.fetch("a", 0));
            seen.add(String.join(",", f.fetch("a", 0, 99, false)));
        });
        query.start();
        query.join();
        assertEquals(List.of("new", "0=new,10=next"), seen, "the cache's windows win over the store's, in ranges too");
        assertEquals(2, f.store.dirtyCount(), "another thread never flushes");
    }

    /** Without a thread cache the operator forwards its updates itself, as Kafka's does without a caching layer. */
    @Test
    void shouldPassEveryWriteThroughAndForwardNothingWithoutAThreadCache() {
        fixture = new Fixture(null);
        fixture.store.put(key("a"), value("1"), 0);
        fixture.store.put(key("a"), value("2"), 0);
        assertEquals(List.of(), fixture.flushed);
        assertFalse(fixture.store.setFlushListener((k, newValue, oldValue, ts) -> { }, false));
        assertArrayEquals(value("2"), fixture.inner.fetch(key("a"), 0));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldMatchAnUncachedModelWhenTheCacheFillsWithDirtyEntries(long seed) {
        // A cache too small for the windows fills with dirty entries all the time; reads must still match the model,
        // and the flushed changes must replay into the same table, each old value being the previous one flushed.
        Fixture f = fixture(12 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 20));
        Map<String, NavigableMap<Long, String>> model = new TreeMap<>();
        ReplayedTable<Windowed<Bytes>> downstream = new ReplayedTable<>(CachingWindowStoreTest::name, "seed=" + seed);
        f.store.setFlushListener(downstream, true);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3_000; i++) {
            String k = "k" + random.nextInt(6);
            long start = SIZE * random.nextInt(8);
            String v = random.nextInt(8) == 0 ? null : Integer.toString(i);
            f.store.put(key(k), v == null ? null : value(v), start);
            NavigableMap<Long, String> windows = model.computeIfAbsent(k, any -> new TreeMap<>());
            if (v == null) {
                windows.remove(start);
            } else {
                windows.put(start, v);
            }
            String probe = "k" + random.nextInt(6);
            long from = SIZE * random.nextInt(8) - 5;
            long to = from + SIZE * random.nextInt(5);
            boolean backward = random.nextBoolean();
            List<String> expected = new ArrayList<>();
            NavigableMap<Long, String> probed = model.getOrDefault(probe, new TreeMap<>()).subMap(from, true, to, true);
            for (Map.Entry<Long, String> window : (backward ? probed.descendingMap() : probed).entrySet()) {
                expected.add(window.getKey() + "=" + window.getValue());
            }
            String step = "seed=" + seed + " step=" + i;
            assertEquals(expected, f.fetch(probe, from, to, backward), step);
            assertEquals(model.getOrDefault(probe, new TreeMap<>()).get(Math.max(0, from + 5)),
                f.fetch(probe, Math.max(0, from + 5)), step);
            if (random.nextInt(300) == 0) {
                downstream.flush(f.store::flush);
            }
            f.store.checkInvariants();
            f.cache.checkInvariants();
        }
        assertTrue(downstream.writtenWhenFull() > 100, "seed=" + seed + ": a full cache wrote entries down");
        f.store.flush();
        Map<String, String> stored = new TreeMap<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> all = f.inner.all()) {
            all.forEachRemaining(kv -> stored.put(name(kv.key), string(kv.value)));
        }
        Map<String, String> expected = new TreeMap<>();
        model.forEach((k, windows) -> windows.forEach((start, v) -> expected.put(k + "@" + start, v)));
        assertEquals(expected, stored, "seed=" + seed);
        assertEquals(expected, downstream.rows(), "seed=" + seed + ": flushed changes replay to the table");
        assertEquals(0, f.store.dirtyCount());
    }
}
