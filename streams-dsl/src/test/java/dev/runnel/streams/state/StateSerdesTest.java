package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.state.ValueAndTimestampSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** StateSerdes, ValueAndTimestamp.makeAllowNullable and the timestamped bytes format of custom stores. */
class StateSerdesTest {
    @Test
    void shouldRoundTripKeysAndValuesOfBuiltInTypes() {
        StateSerdes<String, Long> serdes = StateSerdes.withBuiltinTypes("app-counts-changelog", String.class,
            Long.class);
        assertEquals("app-counts-changelog", serdes.topic());
        assertEquals("alice", serdes.keyFrom(serdes.rawKey("alice")));
        assertEquals(42L, serdes.valueFrom(serdes.rawValue(42L)));
        assertArrayEquals(Serdes.Long().serializer().serialize("t", 42L), serdes.rawValue(42L));
        assertThrows(IllegalArgumentException.class,
            () -> StateSerdes.withBuiltinTypes("t", String.class, StateSerdesTest.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldNameTheTypesWhenASerdeDoesNotMatch() {
        StateSerdes raw = new StateSerdes<>("t", Serdes.String(), Serdes.Long());
        StreamsException e = assertThrows(StreamsException.class, () -> raw.rawValue("not a long"));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void shouldKeepTheTimestampOfANullValueOnlyWhenAllowed() {
        assertNull(ValueAndTimestamp.make(null, 5L));
        ValueAndTimestamp<String> deletion = ValueAndTimestamp.makeAllowNullable(null, 5L);
        assertNull(deletion.value());
        assertEquals(5L, deletion.timestamp());
        assertEquals(ValueAndTimestamp.makeAllowNullable(null, 5L), deletion);
    }

    @Test
    void shouldConvertPlainValuesToTheTimestampedFormat() {
        byte[] timestamped = TimestampedBytesStore.convertToTimestampedFormat(
            "v".getBytes(StandardCharsets.UTF_8));
        ValueAndTimestamp<String> read = new ValueAndTimestampSerde<>(Serdes.String()).deserializer()
            .deserialize("t", timestamped);
        assertEquals("v", read.value());
        assertEquals(-1L, read.timestamp());
        assertNull(TimestampedBytesStore.convertToTimestampedFormat(null));
    }

    @Test
    void shouldNameTheBuiltInQueryableStoreTypes() {
        assertTrue(QueryableStoreTypes.keyValueStore() instanceof QueryableStoreTypes.KeyValueStoreType);
        assertTrue(QueryableStoreTypes.timestampedKeyValueStore()
            instanceof QueryableStoreTypes.TimestampedKeyValueStoreType);
        assertTrue(QueryableStoreTypes.windowStore() instanceof QueryableStoreTypes.WindowStoreType);
        assertTrue(QueryableStoreTypes.timestampedWindowStore()
            instanceof QueryableStoreTypes.TimestampedWindowStoreType);
        assertTrue(QueryableStoreTypes.sessionStore() instanceof QueryableStoreTypes.SessionStoreType);
    }
}
