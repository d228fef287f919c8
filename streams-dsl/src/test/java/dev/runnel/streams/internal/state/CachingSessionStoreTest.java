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
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

 /** * The caching layer of session stores over a change-logged in-memory store: merges and their tombstones, merged *
 reads, write-downs of a full cache (against a model), and reads from another thread. Seeded: replay a failure with
 * {@code -Dtest.seed=<seed>}.
 */
class CachingSessionStoreTest {
    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 11);
    }

    private static Windowed<Bytes> session(String key, long start, long end) {
        return new Windowed<>(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), new SessionWindow(start, end));
    }

    private static String name(Windowed<Bytes> session) {
        return string(session.key().get()) + "[" + session.window().start() + "," + session.window().end() + "]";
    }

    private Fixture fixture;

    /** A caching store with a thread cache of {@code cacheBytes}, recording flushes as "key[start,end]=new/old". */
    private static final class Fixture extends CachingWindowedStoreFixture<CachingSessionStore> {
        final InMemorySessionStore inner;

        Fixture(ThreadCache cache) {
            this(new InMemorySessionStore("sessions", 1_000_000L), cache);
        }

        private Fixture(InMemorySessionStore inner, ThreadCache cache) {
            super(new CachingSessionStore(new ChangeLoggingSessionBytesStore(inner)), cache,
                CachingSessionStoreTest::name);
            this.inner = inner;
        }

        List<String> find(String k, long earliestEnd, long latestStart, boolean backward) {
            List<String> result = new ArrayList<>();
            try (KeyValueIterator<Windowed<Bytes>, byte[]> iterator = backward
                ? store.backwardFindSessions(key(k), earliestEnd, latestStart)
                : store.findSessions(key(k), earliestEnd, latestStart)) {
                iterator.forEachRemaining(kv -> result.add(name(kv.key) + "=" + string(kv.value)));
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
        }
    }

    @Test
    void shouldFlushAMergeAsTheTombstoneOfTheMergedSessionThenTheNewSession() {
        Fixture f = fixture(1 << 20);
        f.store.put(session("a", 0, 0), value("1"));
        f.store.flush();
        // A record at 5 merges [0,0] into [0,5], as the session aggregation does.
        f.store.remove(session("a", 0, 0));
        f.store.put(session("a", 0, 5), value("2"));
        assertEquals(List.of("a[0,5]=2"), f.find("a", 0, 10, false), "reads see the merge before it is flushed");
        assertArrayEquals(value("1"), f.inner.fetchSession(key("a"), 0, 0));

        f.store.flush();
        assertEquals(List.of("a[0,0]=1/null", "a[0,0]=null/1", "a[0,5]=2/null"), f.flushed);
        assertNull(f.inner.fetchSession(key("a"), 0, 0));
        assertArrayEquals(value("2"), f.inner.fetchSession(key("a"), 0, 5));
        assertNull(f.context.changelog.get(1).value(), "the changelog gets the tombstone too");
    }

    @Test
    void shouldServeASessionItsStoreExpiredFromItsCleanCopyUntilTheCacheNeedsTheRoom() {
        // Room for three entries of one-byte keys and values (a session's binary key adds 16 bytes).
        fixture = new Fixture(new InMemorySessionStore("sessions", 10L),
            new ThreadCache(3 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 18)));
        Fixture f = fixture;
        f.store.put(session("a", 0, 0), value("1"));
        f.store.flush();
        f.store.put(session("b", 100, 100), value("2"));
        f.store.flush();
        assertNull(f.inner.fetchSession(key("a"), 0, 0), "the store below has expired a[0,0]");
        assertEquals(List.of("a[0,0]=1"), f.find("a", 0, 5, false), "as Kafka's cache serves its clean copy");
        assertArrayEquals(value("1"), f.store.fetchSession(key("a"), 0, 0));
        f.checkInvariants();

        f.store.put(session("c", 100, 100), value("3"));
        f.store.put(session("d", 100, 100), value("4"));
        assertEquals(List.of(), f.find("a", 0, 5, false), "the full cache dropped its oldest clean copies");
        assertEquals(List.of("a[0,0]=1/null", "b[100,100]=2/null"), f.flushed,
            "clean copies leave before any dirty entry is written down");
        assertEquals(List.of("c[100,100]=3"), f.find("c", 0, 200, false));
    }

    @Test
    void shouldForwardNothingOfASessionCreatedAndMergedAwayBetweenFlushes() {
        Fixture f = fixture(1 << 20);
        f.store.put(session("a", 10, 10), value("1"));
        f.store.put(session("a", 10, 10), value("2"));
        f.store.remove(session("a", 10, 10));
        f.store.put(session("a", 10, 12), value("3"));
        f.store.flush();
        assertEquals(List.of("a[10,12]=3/null"), f.flushed);
        assertNull(f.inner.fetchSession(key("a"), 10, 10));
    }

    @Test
    void shouldFindSessionsOfAllKeysEndingInRangeFromCacheAndStore() {
        Fixture f = fixture(1 << 20);
        f.store.put(session("b", 0, 10), value("s1"));
        f.store.put(session("a", 15, 20), value("s2"));
        f.store.put(session("a", 30, 40), value("s3"));
        f.store.flush();
        f.store.put(session("a", 5, 10), value("c1"));
        f.store.remove(session("a", 15, 20));
        f.store.put(session("c", 20, 20), value("c2"));
        f.store.put(session("a", 45, 50), value("c3"));

        List<String> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> iterator = f.store.findSessions(10L, 40L)) {
            iterator.forEachRemaining(kv -> found.add(name(kv.key) + "=" + string(kv.value)));
        }
        assertEquals(List.of("a[5,10]=c1", "b[0,10]=s1", "c[20,20]=c2", "a[30,40]=s3"), found);
    }

    @Test
    void shouldMergeCacheAndStoreInReadsOfOneKeyInStoreOrder() {
        Fixture f = fixture(1 << 20);
        f.store.put(session("a", 0, 10), value("s1"));
        f.store.put(session("a", 20, 30), value("s2"));
        f.store.put(session("a", 40, 40), value("s3"));
        f.store.put(session("b", 5, 10), value("b"));
        f.store.flush();
        f.store.put(session("a", 2, 10), value("c1"));
        f.store.remove(session("a", 20, 30));
        f.store.put(session("a", 35, 50), value("c2"));
        f.store.put(session("a", 20, 30), value("c3"));
        f.store.remove(session("a", 20, 30));

        assertEquals(List.of("a[0,10]=s1", "a[2,10]=c1", "a[40,40]=s3", "a[35,50]=c2"), f.find("a", 0, 100, false));
        assertEquals(List.of("a[35,50]=c2", "a[40,40]=s3", "a[2,10]=c1", "a[0,10]=s1"), f.find("a", 0, 100, true));
        assertEquals(List.of("a[40,40]=s3", "a[35,50]=c2"), f.find("a", 11, 45, false), "end and start bounds");
        assertEquals(List.of("a[0,10]=s1", "a[2,10]=c1"), f.find("a", -3, 2, false));
        assertEquals("c1", string(f.store.fetchSession(key("a"), 2, 10)));
        assertNull(f.store.fetchSession(key("a"), 20, 30));
        List<String> fetched = new ArrayList<>();
        try (var all = f.store.fetch(key("a"))) {
            all.forEachRemaining(kv -> fetched.add(name(kv.key)));
        }
        assertEquals(List.of("a[0,10]", "a[2,10]", "a[40,40]", "a[35,50]"), fetched);
        assertTrue(f.store.dirtyCount() > 0, "reads of one key do not flush");
    }

    @Test
    void shouldFlushBeforeReadsOfSeveralKeys() {
        Fixture f = fixture(1 << 20);
        f.store.put(session("a", 0, 0), value("1"));
        f.store.put(session("b", 0, 3), value("2"));
        List<String> found = new ArrayList<>();
        try (var iterator = f.store.findSessions(key("a"), key("b"), 0, 10)) {
            iterator.forEachRemaining(kv -> found.add(name(kv.key) + "=" + string(kv.value)));
        }
        assertEquals(List.of("a[0,0]=1", "b[0,3]=2"), found);
        assertEquals(0, f.store.dirtyCount());
        assertEquals(2, f.flushed.size());
    }

    @Test
    void shouldLogAWriteDownWithTheTimestampOfTheUpdateItHolds() {
        Fixture f = fixture(1 << 20);
        f.context.recordTimestamp = 42;
        f.store.put(session("a", 40, 42), value("1"));
        f.context.recordTimestamp = 0;
        f.store.flush();
        assertEquals(42, f.context.changelog.get(0).timestamp());
    }

    @Test
    void shouldServeInteractiveQueriesFromAnotherThread() throws InterruptedException {
        Fixture f = fixture(1 << 20);
        f.store.put(session("a", 0, 0), value("flushed"));
        f.store.flush();
        f.store.put(session("a", 0, 0), value("cached"));
        f.store.put(session("a", 5, 5), value("new"));
        List<String> seen = new ArrayList<>();
        Thread query = new Thread(() -> {
            seen.add(string(f.store.fetchSession(key("a"), 0, 0)));
            seen.add(String.join(",", f.find("a", 0, 10, false)));
        });
        query.start();
        query.join();
        assertEquals(List.of("cached", "a[0,0]=cached,a[5,5]=new"), seen,
            "the cache's sessions win over the store's, in ranges too");
        assertEquals(2, f.store.dirtyCount(), "another thread never flushes");
    }

    /** Without a thread cache the operator forwards its updates itself, as Kafka's does without a caching layer. */
    @Test
    void shouldPassEveryWriteThroughAndForwardNothingWithoutAThreadCache() {
        fixture = new Fixture(null);
        fixture.store.put(session("a", 0, 0), value("1"));
        fixture.store.remove(session("a", 0, 0));
        fixture.store.put(session("a", 0, 4), value("2"));
        assertEquals(List.of(), fixture.flushed);
        assertFalse(fixture.store.setFlushListener((k, newValue, oldValue, ts) -> { }, false));
        assertArrayEquals(value("2"), fixture.inner.fetchSession(key("a"), 0, 4));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldMatchAnUncachedModelWhenTheCacheFillsWithDirtyEntries(long seed) {
        Fixture f = fixture(10 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 24));
        Comparator<long[]> storeOrder = Comparator.<long[]>comparingLong(window -> window[1])
            .thenComparingLong(window -> window[0]);
        Map<String, TreeMap<long[], String>> model = new TreeMap<>();
        ReplayedTable<Windowed<Bytes>> downstream = new ReplayedTable<>(CachingSessionStoreTest::name, "seed=" + seed);
        f.store.setFlushListener(downstream, true);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3_000; i++) {
            String k = "k" + random.nextInt(4);
            long start = random.nextInt(20);
            long end = start + random.nextInt(4);
            String v = random.nextInt(6) == 0 ? null : Integer.toString(i);
            f.store.put(session(k, start, end), v == null ? null : value(v));
            TreeMap<long[], String> sessions = model.computeIfAbsent(k, any -> new TreeMap<>(storeOrder));
            if (v == null) {
                sessions.remove(new long[] {start, end});
            } else {
                sessions.put(new long[] {start, end}, v);
            }
            String probe = "k" + random.nextInt(4);
            long earliestEnd = random.nextInt(25) - 2;
            long latestStart = random.nextInt(25) - 2;
            boolean backward = random.nextBoolean();
            List<String> expected = new ArrayList<>();
            TreeMap<long[], String> probed = model.getOrDefault(probe, new TreeMap<>(storeOrder));
            for (Map.Entry<long[], String> s : (backward ? probed.descendingMap() : probed).entrySet()) {
                if (s.getKey()[1] >= earliestEnd && s.getKey()[0] <= latestStart) {
                    expected.add(probe + "[" + s.getKey()[0] + "," + s.getKey()[1] + "]=" + s.getValue());
                }
            }
            String step = "seed=" + seed + " step=" + i;
            assertEquals(expected, f.find(probe, earliestEnd, latestStart, backward), step);
            assertEquals(probed.get(new long[] {start, end}), string(f.store.fetchSession(key(probe), start, end)),
                step);
            if (random.nextInt(300) == 0) {
                downstream.flush(f.store::flush);
            }
            f.store.checkInvariants();
            f.cache.checkInvariants();
        }
        assertTrue(downstream.writtenWhenFull() > 100, "seed=" + seed + ": a full cache wrote entries down");
        f.store.flush();
        Map<String, String> expected = new TreeMap<>();
        model.forEach((k, sessions) -> sessions.forEach((window, v) -> expected.put(k + "[" + window[0] + ","
            + window[1] + "]", v)));
        Map<String, String> stored = new TreeMap<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> all = f.inner.fetch(null, null)) {
            all.forEachRemaining(kv -> stored.put(name(kv.key), string(kv.value)));
        }
        assertEquals(expected, stored, "seed=" + seed);
        assertEquals(expected, downstream.rows(), "seed=" + seed + ": flushed changes replay to the table");
        assertEquals(0, f.store.dirtyCount());
    }
}
