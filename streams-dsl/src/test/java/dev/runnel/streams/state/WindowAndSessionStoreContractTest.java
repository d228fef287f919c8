package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Window and session store behaviour seen through {@link Stores} and the test driver, as in Kafka Streams. */
class WindowAndSessionStoreContractTest {
    private static final Instant TEN = Instant.ofEpochMilli(10);

    @Test
    void shouldRejectNullInstantsAsIllegalArguments() {
        Duration retention = Duration.ofMillis(100);
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("none", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "source")
            .addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore("w", retention, Duration.ofMillis(10),
                false), Serdes.String(), Serdes.String()), "none")
            .addStateStore(Stores.sessionStoreBuilder(Stores.inMemorySessionStore("s", retention), Serdes.String(),
                Serdes.String()), "none");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
            WindowStore<String, String> windows = driver.getWindowStore("w");
            assertIllegal("timeFrom", () -> windows.fetch("a", null, TEN));
            assertIllegal("timeTo", () -> windows.backwardFetch("a", TEN, null));
            assertIllegal("timeFrom", () -> windows.fetch("a", "b", null, TEN));
            assertIllegal("timeTo", () -> windows.backwardFetch(null, null, TEN, null));
            assertIllegal("timeFrom", () -> windows.fetchAll(null, TEN));
            assertIllegal("timeTo", () -> windows.backwardFetchAll(TEN, null));
            SessionStore<String, String> sessions = driver.getSessionStore("s");
            assertIllegal("earliestSessionEndTime", () -> sessions.findSessions("a", null, TEN));
            assertIllegal("latestSessionStartTime", () -> sessions.backwardFindSessions("a", TEN, null));
            assertIllegal("earliestSessionEndTime", () -> sessions.findSessions("a", "b", null, TEN));
            assertIllegal("latestSessionStartTime", () -> sessions.backwardFindSessions(null, "b", TEN, null));
            assertIllegal("sessionStartTime", () -> sessions.fetchSession("a", null, TEN));
            assertIllegal("sessionEndTime", () -> sessions.fetchSession("a", TEN, null));
        }
    }

    @Test
    void shouldRejectInstantsBeyondLongMillisecondsNamingTheParameter() {
        SessionStore<String, String> sessions = new FetchOnlySessionStore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> sessions.fetchSession("a", Instant.MAX, TEN));
        assertEquals("Invalid value for parameter \"sessionStartTime\" (value was: " + Instant.MAX + "). It can't be"
            + " converted to milliseconds.", e.getMessage());
    }

    /**
     * A store written for Kafka Streams implements only the reads its interface leaves abstract: the backward and
     * session-finding reads have defaults that refuse them, and the Instant reads of a session store ask its long ones.
     */
    @Test
    void storesNeedImplementOnlyTheAbstractReads() {
        WindowStore<String, String> windows = new FetchOnlyWindowStore();
        assertThrows(UnsupportedOperationException.class, () -> windows.backwardFetch("a", 0L, 10L));
        assertThrows(UnsupportedOperationException.class, () -> windows.backwardFetch("a", "b", 0L, 10L));
        assertThrows(UnsupportedOperationException.class, () -> windows.backwardFetchAll(0L, 10L));
        assertThrows(UnsupportedOperationException.class, () -> windows.backwardAll());
        FetchOnlySessionStore sessions = new FetchOnlySessionStore();
        String readOnly = "This API is not supported by this implementation of ReadOnlySessionStore.";
        assertUnsupported(readOnly, () -> sessions.findSessions("a", 0L, 10L));
        assertUnsupported(readOnly, () -> sessions.backwardFindSessions("a", TEN, TEN));
        assertUnsupported(readOnly, () -> sessions.findSessions("a", "b", TEN, TEN));
        assertUnsupported(readOnly, () -> sessions.backwardFindSessions("a", "b", 0L, 10L));
        assertUnsupported(readOnly, () -> sessions.backwardFetch("a"));
        assertUnsupported(readOnly, () -> sessions.backwardFetch("a", "b"));
        assertUnsupported("This API is not supported by this implementation of SessionStore.",
            () -> sessions.findSessions(0L, 10L));
        // fetchSession(K, Instant, Instant) passes its instants on as milliseconds.
        assertEquals("a:0-10", sessions.fetchSession("a", Instant.EPOCH, TEN));
    }

    private static void assertUnsupported(String message, Executable read) {
        assertEquals(message, assertThrows(UnsupportedOperationException.class, read).getMessage());
    }

    private static void assertIllegal(String parameter, Executable read) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read, parameter);
        assertEquals("Invalid value for parameter \"" + parameter + "\" (value was: null). It shouldn't be null.",
            e.getMessage());
    }

    /** A window store with only the reads Kafka Streams' WindowStore leaves abstract, all empty. */
    private static final class FetchOnlyWindowStore extends NoOpStateStore implements WindowStore<String, String> {
        FetchOnlyWindowStore() {
            super("windows");
        }

        @Override
        public void put(String key, String value, long windowStartTimestamp) {
        }

        @Override
        public String fetch(String key, long time) {
            return null;
        }

        @Override
        public WindowStoreIterator<String> fetch(String key, long timeFrom, long timeTo) {
            return null;
        }

        @Override
        public KeyValueIterator<Windowed<String>, String> fetch(String keyFrom, String keyTo, long timeFrom,
            long timeTo) {
            return null;
        }

        @Override
        public KeyValueIterator<Windowed<String>, String> all() {
            return null;
        }

        @Override
        public KeyValueIterator<Windowed<String>, String> fetchAll(long timeFrom, long timeTo) {
            return null;
        }
    }

    /** A session store with only the reads Kafka Streams' SessionStore leaves abstract, and fetchSession. */
    private static final class FetchOnlySessionStore extends NoOpStateStore implements SessionStore<String, String> {
        FetchOnlySessionStore() {
            super("sessions");
        }

        @Override
        public void remove(Windowed<String> sessionKey) {
        }

        @Override
        public void put(Windowed<String> sessionKey, String aggregate) {
        }

        @Override
        public KeyValueIterator<Windowed<String>, String> fetch(String key) {
            return null;
        }

        @Override
        public KeyValueIterator<Windowed<String>, String> fetch(String keyFrom, String keyTo) {
            return null;
        }

        @Override
        public String fetchSession(String key, long sessionStartTime, long sessionEndTime) {
            return key + ":" + sessionStartTime + "-" + sessionEndTime;
        }
    }
}
