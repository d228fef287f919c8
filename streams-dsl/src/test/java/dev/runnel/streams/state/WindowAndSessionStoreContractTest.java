package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
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

    private static void assertIllegal(String parameter, Executable read) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read, parameter);
        assertEquals(parameter + " cannot be null", e.getMessage());
    }
}
