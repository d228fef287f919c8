package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.Stores;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session store (typed, change-logged, in memory): lookups, ordering, retention and restoration. */
class InMemorySessionStoreTest {
    private static SessionStore<String, Long> newStore(RecordingStoreContext context) {
        SessionStore<String, Long> store = Stores.sessionStoreBuilder(
            Stores.inMemorySessionStore("s", Duration.ofMillis(100)), Serdes.String(), Serdes.Long()).build();
        store.init(context, store);
        return store;
    }

    private static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    private static List<KeyValue<Windowed<String>, Long>> drain(KeyValueIterator<Windowed<String>, Long> iterator) {
        List<KeyValue<Windowed<String>, Long>> result = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(result::add);
        }
        return result;
    }

    @Test
    void shouldFindSessionsThatMayMergeOrderedByEndThenKeyThenStart() {
        SessionStore<String, Long> store = newStore(new RecordingStoreContext());
        store.put(session("a", 0, 10), 1L);
        store.put(session("a", 20, 30), 2L);
        store.put(session("b", 5, 10), 3L);
        store.put(session("a", 40, 40), 4L);
        assertEquals(List.of(KeyValue.pair(session("a", 0, 10), 1L), KeyValue.pair(session("a", 20, 30), 2L)),
            drain(store.findSessions("a", 8, 25)));
        assertEquals(List.of(KeyValue.pair(session("a", 0, 10), 1L), KeyValue.pair(session("b", 5, 10), 3L),
            KeyValue.pair(session("a", 20, 30), 2L), KeyValue.pair(session("a", 40, 40), 4L)),
            drain(store.fetch("a", "b")));
        assertEquals(List.of(KeyValue.pair(session("a", 40, 40), 4L), KeyValue.pair(session("a", 20, 30), 2L),
            KeyValue.pair(session("a", 0, 10), 1L)), drain(store.backwardFetch("a")));
        assertEquals(2L, store.fetchSession("a", 20, 30));
        store.remove(session("a", 20, 30));
        assertNull(store.fetchSession("a", 20, 30));
    }

    @Test
    void shouldFindSessionsOfAllKeysByEndTimeThroughEveryLayer() {
        SessionStore<String, Long> store = newStore(new RecordingStoreContext());
        store.put(session("b", 0, 10), 1L);
        store.put(session("a", 5, 10), 2L);
        store.put(session("a", 12, 20), 3L);
        store.put(session("c", 30, 30), 4L);
        assertEquals(List.of(KeyValue.pair(session("a", 5, 10), 2L), KeyValue.pair(session("b", 0, 10), 1L),
            KeyValue.pair(session("a", 12, 20), 3L)), drain(store.findSessions(10L, 20L)));
        assertEquals(List.of(), drain(store.findSessions(21L, 29L)));
        assertEquals(List.of(), drain(store.findSessions(40L, 30L)));
    }

    @Test
    void shouldTakeInstantsAsTheLongFormsDo() {
        SessionStore<String, Long> store = newStore(new RecordingStoreContext());
        store.put(session("a", 0, 10), 1L);
        store.put(session("a", 20, 30), 2L);
        store.put(session("b", 5, 10), 3L);
        Instant eight = Instant.ofEpochMilli(8);
        Instant twentyFive = Instant.ofEpochMilli(25);
        assertEquals(drain(store.findSessions("a", 8, 25)), drain(store.findSessions("a", eight, twentyFive)));
        assertEquals(drain(store.backwardFindSessions("a", 8, 25)),
            drain(store.backwardFindSessions("a", eight, twentyFive)));
        assertEquals(drain(store.findSessions("a", "b", 8, 25)),
            drain(store.findSessions("a", "b", eight, twentyFive)));
        assertEquals(3, drain(store.backwardFindSessions("a", "b", eight, twentyFive)).size());
        assertEquals(2L, store.fetchSession("a", Instant.ofEpochMilli(20), Instant.ofEpochMilli(30)));
    }

    @Test
    void shouldExpireSessionsByEndTimeAndRestoreFromChangelog() {
        RecordingStoreContext context = new RecordingStoreContext();
        SessionStore<String, Long> store = newStore(context);
        store.put(session("a", 0, 10), 1L);
        store.put(session("b", 50, 60), 2L);
        store.put(session("c", 100, 110), 3L);
        assertEquals(List.of(KeyValue.pair(session("b", 50, 60), 2L), KeyValue.pair(session("c", 100, 110), 3L)),
            drain(store.fetch(null, null)), "a session is kept while end > streamTime - retention");
        store.put(session("a", 0, 5), 9L);
        assertNull(store.fetchSession("a", 0, 5), "a put of an expired session is ignored");

        byte[] logged = context.changelog.get(0).key().get();
        assertArrayEquals(ByteBuffer.allocate(17).put((byte) 'a').putLong(10).putLong(0).array(), logged);
        RecordingStoreContext restoredContext = new RecordingStoreContext();
        SessionStore<String, Long> restored = newStore(restoredContext);
        context.restoreInto(restoredContext, "s");
        assertEquals(drain(store.fetch(null, null)), drain(restored.fetch(null, null)));
    }
}
