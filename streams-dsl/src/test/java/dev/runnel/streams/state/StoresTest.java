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

    /** As Kafka Streams words them: a negative duration names its parameter, one too long shows its value. */
    @Test
    void shouldRejectNegativeAndUnconvertibleDurationsWithKafkasMessages() {
        Duration negative = Duration.ofMillis(-1);
        assertMessage("retentionPeriod cannot be negative",
            () -> Stores.inMemoryWindowStore("w", negative, TEN, false));
        assertMessage("windowSize cannot be negative", () -> Stores.persistentWindowStore("w", TEN, negative, false));
        assertMessage("retentionPeriod cannot be negative", () -> Stores.inMemorySessionStore("s", negative));
        assertMessage("historyRetention cannot be negative",
            () -> Stores.persistentVersionedKeyValueStore("v", negative));
        assertMessage("segmentInterval cannot be zero or negative",
            () -> Stores.persistentVersionedKeyValueStore("v", TEN, negative));
        assertMessage("segmentInterval cannot be zero or negative",
            () -> Stores.persistentVersionedKeyValueStore("v", TEN, Duration.ZERO));
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        assertMessage("Invalid value for parameter \"retentionPeriod\" (value was: " + huge + "). It can't be"
            + " converted to milliseconds.", () -> Stores.persistentSessionStore("s", huge));
        // The sizes show as the durations they were given.
        assertMessage("The retention period of the window store w must be no smaller than its window size. Got"
            + " size=[PT0.02S], retention=[PT0.01S]", () -> Stores.inMemoryWindowStore("w", TEN, TEN.multipliedBy(2),
            false));
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
        assertMessage("Invalid value for parameter \"" + parameter + "\" (value was: null). It shouldn't be null.",
            factory);
    }

    private static void assertMessage(String message, Executable factory) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, factory, message).getMessage());
    }

    private static void assertNull(String parameter, Executable factory) {
        NullPointerException e = assertThrows(NullPointerException.class, factory, parameter);
        assertEquals(parameter + " cannot be null", e.getMessage());
    }

    /** Kafka Streams' factory classes have public constructors, so a ported subclass or instance compiles. */
    @Test
    void shouldHavePublicConstructorsAsInKafka() {
        assertEquals(Stores.class, new Stores().getClass());
        assertEquals(QueryableStoreTypes.class, new QueryableStoreTypes().getClass());
        assertEquals(BuiltInDslStoreSuppliers.class, new BuiltInDslStoreSuppliers() { }.getClass().getSuperclass());
    }
}
