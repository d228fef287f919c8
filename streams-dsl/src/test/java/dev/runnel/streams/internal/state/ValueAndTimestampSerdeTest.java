package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.serialization.LongDeserializer;
import dev.runnel.common.serialization.LongSerializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ValueAndTimestampSerdeTest {
    @Test
    void shouldWriteTheTimestampThenTheValueSerdesBytes() {
        ValueAndTimestampSerde<String> serde = new ValueAndTimestampSerde<>(Serdes.String());
        byte[] bytes = serde.serializer().serialize("t", ValueAndTimestamp.make("hi", 7L));
        assertArrayEquals(ByteBuffer.allocate(10).putLong(7L).put((byte) 'h').put((byte) 'i').array(), bytes);
        assertEquals(ValueAndTimestamp.make("hi", 7L), serde.deserializer().deserialize("t", bytes));
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void shouldEncodeCountsAsTheLongSerdeDoes() {
        ValueAndTimestampSerde<Long> serde = new ValueAndTimestampSerde<>(Serdes.Long());
        byte[] bytes = serde.serializer().serialize("t", ValueAndTimestamp.make(-42L, 1_000L));
        assertArrayEquals(ByteBuffer.allocate(16).putLong(1_000L).putLong(-42L).array(), bytes);
        assertEquals(ValueAndTimestamp.make(-42L, 1_000L), serde.deserializer().deserialize("t", bytes));
        byte[] tooShort = ByteBuffer.allocate(12).putLong(1L).putInt(3).array();
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", tooShort),
            "a value of the wrong size is the long deserializer's error, as without the shortcut");
    }

    @Test
    void shouldKeepTheEncodingOfASubclassOfTheLongSerde() {
        Serde<Long> littleEndian = Serdes.serdeFrom(new LongSerializer() {
            @Override
            public byte[] serialize(String topic, Long data) {
                return ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(data).array();
            }
        }, new LongDeserializer() {
            @Override
            public Long deserialize(String topic, byte[] data) {
                return ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            }
        });
        ValueAndTimestampSerde<Long> serde = new ValueAndTimestampSerde<>(littleEndian);
        byte[] bytes = serde.serializer().serialize("t", ValueAndTimestamp.make(1L, 2L));
        assertArrayEquals(ByteBuffer.allocate(16).putLong(2L).put((byte) 1).array(), bytes);
        assertEquals(ValueAndTimestamp.make(1L, 2L), serde.deserializer().deserialize("t", bytes));
    }
}
