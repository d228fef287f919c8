package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.TimeWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window store (typed, change-logged, in memory) against a list model, and restored from its changelog. Seeded:
 * replay a failure with {@code -Dtest.seed=<seed>}.
 */
class InMemoryWindowStoreTest {
    private static final long RETENTION = 50;
    private static final long SIZE = 10;

    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 41);
    }

    /** One value in the model: non-negative Integer keys sort the same as their big-endian bytes. */
    private record Entry(long start, int key, long seq, String value) {
    }

    /** The model: every live value, with the store's stream time and retention rule written out plainly. */
    private static final class Model {
        final boolean retainDuplicates;
        final List<Entry> entries = new ArrayList<>();
        long streamTime = -1;
        long seq;

        Model(boolean retainDuplicates) {
            this.retainDuplicates = retainDuplicates;
        }

        void put(int key, String value, long start) {
            streamTime = Math.max(streamTime, start);
            entries.removeIf(e -> e.start() <= streamTime - RETENTION);
            if (start <= streamTime - RETENTION) {
                return;
            }
            if (!retainDuplicates) {
                entries.removeIf(e -> e.start() == start && e.key() == key);
            }
            if (value != null) {
                entries.add(new Entry(start, key, seq++, value));
            }
        }

        List<KeyValue<Windowed<Integer>, String>> select(Integer keyFrom, Integer keyTo, long from, long to,
            boolean backward) {
            List<Entry> selected = new ArrayList<>();
            for (Entry e : entries) {
                if (e.start() >= from && e.start() <= to && (keyFrom == null || e.key() >= keyFrom)
                    && (keyTo == null || e.key() <= keyTo) && e.start() > streamTime - RETENTION) {
                    selected.add(e);
                }
            }
            selected.sort(Comparator.comparingLong(Entry::start).thenComparingInt(Entry::key)
                .thenComparingLong(Entry::seq));
            List<KeyValue<Windowed<Integer>, String>> result = new ArrayList<>();
            for (Entry e : selected) {
                result.add(KeyValue.pair(new Windowed<>(e.key(), new TimeWindow(e.start(), e.start() + SIZE)),
                    e.value()));
            }
            if (backward) {
                java.util.Collections.reverse(result);
            }
            return result;
        }
    }

    private static WindowStore<Integer, String> newStore(boolean retainDuplicates, RecordingStoreContext context) {
        WindowStore<Integer, String> store = Stores.windowStoreBuilder(
            Stores.inMemoryWindowStore("w", Duration.ofMillis(RETENTION), Duration.ofMillis(SIZE), retainDuplicates),
            Serdes.Integer(), Serdes.String()).build();
        store.init(context, store);
        return store;
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> iterator) {
        List<KeyValue<K, V>> result = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(result::add);
        }
        return result;
    }

    private static List<KeyValue<Long, String>> byStart(List<KeyValue<Windowed<Integer>, String>> windowed) {
        List<KeyValue<Long, String>> result = new ArrayList<>();
        for (KeyValue<Windowed<Integer>, String> kv : windowed) {
            result.add(KeyValue.pair(kv.key.window().start(), kv.value));
        }
        return result;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fetchesMatchListModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean retainDuplicates = random.nextBoolean();
        RecordingStoreContext context = new RecordingStoreContext();
        WindowStore<Integer, String> store = newStore(retainDuplicates, context);
        Model model = new Model(retainDuplicates);
        String where = "seed " + seed + " (retainDuplicates=" + retainDuplicates + ")";
        for (int step = 0; step < 400; step++) {
            int key = random.nextInt(12);
            // Mostly in order, sometimes older than the retention, as join buffers and late records see it.
            long start = Math.max(0, model.streamTime + random.nextInt(-60, 15));
            String value = random.nextInt(10) == 0 ? null : "v" + step;
            context.recordTimestamp = start;
            store.put(key, value, start);
            model.put(key, value, start);
            ((InMemoryWindowStore) ((ChangeLoggingWindowBytesStore) ((MeteredWindowStore<?, ?>) store).wrapped())
                .wrapped()).checkInvariants();

            long from = model.streamTime - random.nextInt(70);
            long to = from + random.nextInt(60);
            int keyFrom = random.nextInt(12);
            int keyTo = keyFrom + random.nextInt(4);
            String at = where + " step " + step + " fetch " + key + " [" + from + ", " + to + "]";
            assertEquals(byStart(model.select(key, key, from, to, false)), drain(store.fetch(key, from, to)), at);
            assertEquals(byStart(model.select(key, key, from, to, true)), drain(store.backwardFetch(key, from, to)),
                at);
            assertEquals(model.select(keyFrom, keyTo, from, to, false), drain(store.fetch(keyFrom, keyTo, from, to)),
                at + " keys [" + keyFrom + ", " + keyTo + "]");
            assertEquals(model.select(keyFrom, keyTo, from, to, true),
                drain(store.backwardFetch(keyFrom, keyTo, from, to)), at);
            assertEquals(model.select(null, null, from, to, false), drain(store.fetchAll(from, to)), at);
            assertEquals(model.select(null, null, from, to, true), drain(store.backwardFetchAll(from, to)), at);
            List<KeyValue<Windowed<Integer>, String>> exact = model.select(key, key, start, start, false);
            assertEquals(exact.isEmpty() ? null : exact.get(0).value, store.fetch(key, start), at);
        }
        assertEquals(model.select(null, null, Long.MIN_VALUE, Long.MAX_VALUE, false), drain(store.all()), where);
        assertEquals(model.select(null, null, Long.MIN_VALUE, Long.MAX_VALUE, true), drain(store.backwardAll()),
            where);

        RecordingStoreContext restoredContext = new RecordingStoreContext();
        WindowStore<Integer, String> restored = newStore(retainDuplicates, restoredContext);
        context.restoreInto(restoredContext, "w");
        assertEquals(drain(store.all()), drain(restored.all()), where + ": restored from the changelog");
    }

    @Test
    void shouldExpireWindowsOlderThanRetentionInStreamTime() {
        WindowStore<Integer, String> store = newStore(false, new RecordingStoreContext());
        store.put(1, "a", 0);
        store.put(1, "b", 49);
        assertEquals(List.of(KeyValue.pair(0L, "a"), KeyValue.pair(49L, "b")), drain(store.fetch(1, 0, 100)));
        store.put(2, "c", 50);
        assertEquals(List.of(KeyValue.pair(49L, "b")), drain(store.fetch(1, 0, 100)));
        assertNull(store.fetch(1, 0));
        store.put(1, "late", 0);
        assertNull(store.fetch(1, 0), "a put into an expired window is ignored");
    }

    @Test
    void shouldKeepDuplicatesInPutOrderAndIgnoreNullWhenRetainingDuplicates() {
        WindowStore<Integer, String> store = newStore(true, new RecordingStoreContext());
        store.put(1, "x", 5);
        store.put(1, "y", 5);
        store.put(1, null, 5);
        try (WindowStoreIterator<String> iterator = store.fetch(1, 0, 10)) {
            assertEquals(5L, iterator.peekNextKey());
            assertEquals(List.of(KeyValue.pair(5L, "x"), KeyValue.pair(5L, "y")), drain(iterator));
        }
    }

    @Test
    void shouldLogChangesKeyedByKeyWindowStartAndSequence() {
        RecordingStoreContext context = new RecordingStoreContext();
        WindowStore<Integer, String> store = newStore(true, context);
        context.recordTimestamp = 7;
        store.put(1, "x", 5);
        store.put(1, "y", 5);
        assertEquals(2, context.changelog.size());
        byte[] key = context.changelog.get(1).key().get();
        ByteBuffer expected = ByteBuffer.allocate(16).putInt(1).putLong(5).putInt(2);
        assertArrayEquals(expected.array(), key);
        assertEquals(7, context.changelog.get(1).timestamp());
        assertEquals(Bytes.wrap(new byte[] {0, 0, 0, 1}), WindowKeySchema.extractStoreKey(key));
    }

    @Test
    void shouldRejectRetentionSmallerThanWindowSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Stores.inMemoryWindowStore("w", Duration.ofMillis(5), Duration.ofMillis(10), false));
        assertEquals("The retention period of the window store w must be no smaller than its window size."
            + " Got size=[PT0.01S], retention=[PT0.005S]", e.getMessage());
    }
}
