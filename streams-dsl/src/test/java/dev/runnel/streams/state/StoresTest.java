package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The argument checks of {@link Stores}' factories, with Kafka Streams' exception types. */
class StoresTest {
    private static final Duration TEN = Duration.ofMillis(10);

    @Test
    void shouldRejectNullDurationsAsIllegalArguments() {
        assertIllegal("retentionPeriod", () -> Stores.inMemoryWindowStore("w", null, TEN, false));
        assertIllegal("windowSize", () -> Stores.persistentWindowStore("w", TEN, null, false));
        assertIllegal("retentionPeriod", () -> Stores.persistentTimestampedWindowStore("w", null, TEN, false));
        assertIllegal("retentionPeriod", () -> Stores.inMemorySessionStore("s", null));
        assertIllegal("retentionPeriod", () -> Stores.persistentSessionStore("s", null));
        assertIllegal("historyRetention", () -> Stores.persistentVersionedKeyValueStore("v", null));
        assertIllegal("segmentInterval", () -> Stores.persistentVersionedKeyValueStore("v", TEN, null));
    }

    @Test
    void shouldSayWhichArgumentIsNull() {
        assertNull("name", () -> Stores.inMemoryKeyValueStore(null));
        assertNull("name", () -> Stores.persistentKeyValueStore(null));
        assertNull("supplier", () -> Stores.keyValueStoreBuilder(null, Serdes.String(), Serdes.String()));
        assertNull("supplier", () -> Stores.timestampedKeyValueStoreBuilder(null, Serdes.String(), Serdes.String()));
        assertNull("supplier",
            () -> Stores.timestampedKeyValueStoreWithHeadersBuilder(null, Serdes.String(), Serdes.String()));
    }

    private static void assertIllegal(String parameter, Executable factory) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, factory, parameter);
        assertEquals(parameter + " cannot be null", e.getMessage());
    }

    private static void assertNull(String parameter, Executable factory) {
        NullPointerException e = assertThrows(NullPointerException.class, factory, parameter);
        assertEquals(parameter + " cannot be null", e.getMessage());
    }
}
