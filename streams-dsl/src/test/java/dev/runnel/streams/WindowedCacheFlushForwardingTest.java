package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.WindowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windowed and session aggregations forward what the record cache writes down, like key-value aggregations: one
 * record per window and commit, merged sessions as tombstones, and with the cache off every update; downstream
 * suppression still emits exactly the final results. Headers-aware stores (KIP-1285) forward the same. Drives a
 * task by hand ({@link TaskDriver}). Seeded: replay a failure with {@code -Dtest.seed=<seed>}.
 */
class WindowedCacheFlushForwardingTest {
    /** The windowed aggregations under test, each a count of the records per key and window. */
    enum Windows {
        HOPPING, SLIDING, SESSION
    }

    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 21);
    }

    /**
     * Counts per window of {@code windows}, to "counts-out" as "key@start-end=count" and, final, to "final-out".
     * Sliding and session stores keep a minute: their default retention (the least that keeps every window a record
     * may still update) lets the store drop an older window or session that a late record's aggregate still reads,
     * and the store drops by the windows written to it, later with a cache, so uncached results would differ there.
     */
    private static TaskDriver task(Windows windows, ThreadCache cache, boolean cachingEnabled) {
        return task(windows, cache, cachingEnabled, StreamsConfig.DSL_STORE_FORMAT_DEFAULT);
    }

    private static TaskDriver task(Windows windows, ThreadCache cache, boolean cachingEnabled,
        String dslStoreFormat) {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> grouped = builder.stream("words",
            Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        KTable<Windowed<String>, Long> counts;
        if (windows == Windows.SESSION) {
            Materialized<String, Long, SessionStore<Bytes, byte[]>> store = Materialized
                .<String, Long, SessionStore<Bytes, byte[]>>as("counts").withRetention(Duration.ofMinutes(1));
            counts = grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5),
                Duration.ofMillis(5))).count(cachingEnabled ? store : store.withCachingDisabled());
        } else {
            Materialized<String, Long, WindowStore<Bytes, byte[]>> store = Materialized.as("counts");
            store = cachingEnabled ? store : store.withCachingDisabled();
            counts = windows == Windows.HOPPING
                ? grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5))
                    .advanceBy(Duration.ofMillis(5))).count(store)
                : grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
                    Duration.ofMillis(5))).count(store.withRetention(Duration.ofMinutes(1)));
            counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .selectKey((window, count) -> name(window))
                .to("final-out", Produced.with(Serdes.String(), Serdes.Long()));
        }
        counts.toStream()
            .selectKey((window, count) -> name(window))
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        return new TaskDriver(builder, cache, dslStoreFormat);
    }

    private static String name(Windowed<String> window) {
        return window.key() + "@" + window.window().start() + "-" + window.window().end();
    }

    @ParameterizedTest(name = "dsl.store.format={0}")
    @ValueSource(strings = {StreamsConfig.DSL_STORE_FORMAT_DEFAULT, StreamsConfig.DSL_STORE_FORMAT_HEADERS})
    void shouldForwardOneRecordPerWindowAndCommit(String dslStoreFormat) {
        TaskDriver task = task(Windows.HOPPING, new ThreadCache(1 << 20), true, dslStoreFormat);
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", 1);
        task.pipe("a", 2);
        task.pipe("b", 3);
        task.pipe("a", 7);
        assertEquals(List.of(), outputs, "nothing is forwarded before the cache flushes");
        task.commit();
        assertEquals(List.of("b@0-10=1", "a@0-10=3", "a@5-15=1"), outputs,
            "one record per window, latest count, in last-update order");
        outputs.clear();
        task.pipe("a", 8);
        task.commit();
        task.commit();
        assertEquals(List.of("a@0-10=4", "a@5-15=2"), outputs, "a clean cache flushes nothing");
        task.close();
    }

    @Test
    void shouldForwardEveryUpdateWithCachingDisabled() {
        TaskDriver task = task(Windows.HOPPING, new ThreadCache(1 << 20), false);
        task.pipe("a", 1);
        task.pipe("a", 7);
        assertEquals(List.of("a@0-10=1", "a@0-10=2", "a@5-15=1"), task.outputs("counts-out"));
        task.close();
    }

    @Test
    void shouldForwardEveryUpdateWithoutAThreadCache() {
        TaskDriver task = task(Windows.SESSION, null, true);
        task.pipe("a", 1);
        task.pipe("a", 4);
        assertEquals(List.of("a@1-1=1", "a@1-1=null", "a@1-4=2"), task.outputs("counts-out"));
        task.close();
    }

    @ParameterizedTest(name = "dsl.store.format={0}")
    @ValueSource(strings = {StreamsConfig.DSL_STORE_FORMAT_DEFAULT, StreamsConfig.DSL_STORE_FORMAT_HEADERS})
    void shouldForwardASessionMergeThroughTheCacheAsATombstoneThenTheMergedSession(String dslStoreFormat) {
        TaskDriver task = task(Windows.SESSION, new ThreadCache(1 << 20), true, dslStoreFormat);
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", 1);
        task.commit();
        task.pipe("a", 4);
        task.pipe("b", 4);
        task.pipe("a", 9);
        assertEquals(List.of("a@1-1=1"), outputs);
        task.commit();
        assertEquals(List.of("a@1-1=1", "a@1-1=null", "b@4-4=1", "a@1-9=3"), outputs,
            "the written-down session is deleted; [1,4], created and merged away between commits, is never seen");
        task.close();
    }

    @Test
    void shouldEmitOnlyFinalResultsThroughSuppressionWithTheCache() {
        TaskDriver task = task(Windows.HOPPING, new ThreadCache(1 << 20), true);
        List<String> finals = task.outputs("final-out");
        task.pipe("a", 1);
        task.pipe("a", 2);
        task.commit();
        task.pipe("a", 14);
        task.commit();
        assertEquals(List.of(), finals, "[0,10) closes at 15");
        task.pipe("b", 16);
        assertEquals(List.of(), finals, "the count forwards 16 only on commit");
        task.commit();
        assertEquals(List.of("a@0-10=2"), finals);
        task.close();
    }

    @ParameterizedTest
    @EnumSource(Windows.class)
    void shouldMatchTheUncachedResultsForShuffledInputAndRandomCommits(Windows windows) {
        seeds().forEach(seed -> matchUncached(windows, seed));
    }

    private static void matchUncached(Windows windows, long seed) {
        // A cache of 1000 bytes holds about 4 dirty entries in its dirty half (each costs 96 bytes beyond key and
        // value), so it writes stores down all the time, and commits come at random.
        SplittableRandom random = new SplittableRandom(seed);
        TaskDriver cached = task(windows, new ThreadCache(1_000), true);
        TaskDriver uncached = task(windows, null, true);
        long time = 0;
        for (int i = 0; i < 400; i++) {
            time += random.nextInt(4);
            String key = "k" + random.nextInt(4);
            // Mostly in order, some within grace, a few too late.
            long timestamp = Math.max(0, time - (random.nextInt(5) == 0 ? random.nextInt(14) : 0));
            cached.pipe(key, timestamp);
            uncached.pipe(key, timestamp);
            if (random.nextInt(25) == 0) {
                cached.commit();
            }
        }
        cached.commit();
        String context = windows + " seed=" + seed;
        assertEquals(table(uncached.outputs("counts-out")), table(cached.outputs("counts-out")), context);
        if (windows == Windows.SLIDING) {
            // As in Kafka, a sliding window whose inclusive end is stream time - grace is still open to updates, but
            // suppression already emitted it: it may be emitted again, at times that depend on the cache.
            assertEquals(table(uncached.outputs("final-out")), table(cached.outputs("final-out")), context);
        } else {
            assertEquals(sorted(uncached.outputs("final-out")), sorted(cached.outputs("final-out")), context);
        }
        if (windows != Windows.SESSION) {
            assertTrue(cached.outputs("counts-out").size() < uncached.outputs("counts-out").size(), context);
        }
        cached.close();
        uncached.close();
    }

    /** Replays "key=value" updates (value "null": a deletion) into the table they describe. */
    private static Map<String, String> table(List<String> updates) {
        Map<String, String> table = new TreeMap<>();
        for (String update : updates) {
            String[] parts = update.split("=");
            if (parts[1].equals("null")) {
                table.remove(parts[0]);
            } else {
                table.put(parts[0], parts[1]);
            }
        }
        return table;
    }

    private static List<String> sorted(List<String> records) {
        List<String> sorted = new ArrayList<>(records);
        sorted.sort(null);
        return sorted;
    }
}
