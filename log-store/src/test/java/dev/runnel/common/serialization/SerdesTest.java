package dev.runnel.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerdesTest {
    private static final String TOPIC = "clicks";

    static Stream<Arguments> roundTrips() {
        return Stream.of(
            Arguments.of(Serdes.String(), List.of("", "alice", "grüße 東京 🚀", "\u0000")),
            Arguments.of(Serdes.Integer(), List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
            Arguments.of(Serdes.Long(), List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40)),
            Arguments.of(Serdes.Short(), List.of((short) 0, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE)),
            Arguments.of(Serdes.Float(), List.of(0f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, 3.14f)),
            Arguments.of(Serdes.Double(), List.of(0d, -0d, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, -2.5e-300)),
            Arguments.of(Serdes.Boolean(), List.of(true, false)),
            Arguments.of(Serdes.UUID(), List.of(new UUID(0, 0), new UUID(-1, -1),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))),
            Arguments.of(Serdes.Bytes(), List.of(Bytes.EMPTY, Bytes.wrap(new byte[] {0, (byte) 0xFF, 42}))));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    <T> void shouldRoundTripValues(Serde<T> serde, List<T> values) {
        for (T value : values) {
            byte[] bytes = serde.serializer().serialize(TOPIC, value);
            assertEquals(value, serde.deserializer().deserialize(TOPIC, bytes), () -> "value " + value);
        }
    }

    static Stream<Serde<?>> allSerdes() {
        return Stream.of(Serdes.String(), Serdes.ByteArray(), Serdes.ByteBuffer(), Serdes.Bytes(), Serdes.Integer(),
            Serdes.Long(), Serdes.Short(), Serdes.Float(), Serdes.Double(), Serdes.UUID(), Serdes.Void(),
            Serdes.Boolean(), Serdes.Json(Object.class));
    }

    @ParameterizedTest
    @MethodSource("allSerdes")
    void shouldMapNullToNull(Serde<Object> serde) {
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.serializer().serialize(TOPIC, new RecordHeaders(), null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, new RecordHeaders(), (byte[]) null));
    }

    @Test
    void shouldWriteKafkaByteFormats() {
        assertArrayEquals(bytes(0x80, 0, 0, 0), Serdes.Integer().serializer().serialize(TOPIC, Integer.MIN_VALUE));
        assertArrayEquals(bytes(0x01, 0x02, 0x03, 0x04), Serdes.Integer().serializer().serialize(TOPIC, 0x01020304));
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE),
            Serdes.Long().serializer().serialize(TOPIC, -2L));
        assertArrayEquals(bytes(0x7F, 0xFF), Serdes.Short().serializer().serialize(TOPIC, Short.MAX_VALUE));
        assertArrayEquals(bytes(0x3F, 0x80, 0, 0), Serdes.Float().serializer().serialize(TOPIC, 1.0f));
        assertArrayEquals(bytes(0x80, 0, 0, 0, 0, 0, 0, 0), Serdes.Double().serializer().serialize(TOPIC, -0.0d));
        assertArrayEquals(bytes(0x01), Serdes.Boolean().serializer().serialize(TOPIC, true));
        assertArrayEquals(bytes(0x00), Serdes.Boolean().serializer().serialize(TOPIC, false));
        assertArrayEquals("123e4567-e89b-12d3-a456-426614174000".getBytes(StandardCharsets.UTF_8),
            Serdes.UUID().serializer().serialize(TOPIC, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
        assertArrayEquals(new byte[0], Serdes.String().serializer().serialize(TOPIC, ""));
    }

    @Test
    void shouldKeepNaNPayloadBits() {
        float oddNaN = Float.intBitsToFloat(0x7FC00001);
        byte[] floatBytes = Serdes.Float().serializer().serialize(TOPIC, oddNaN);
        assertEquals(0x7FC00001, Float.floatToRawIntBits(Serdes.Float().deserializer().deserialize(TOPIC, floatBytes)));
        double oddDoubleNaN = Double.longBitsToDouble(0x7FF8000000000001L);
        byte[] doubleBytes = Serdes.Double().serializer().serialize(TOPIC, oddDoubleNaN);
        assertEquals(0x7FF8000000000001L,
            Double.doubleToRawLongBits(Serdes.Double().deserializer().deserialize(TOPIC, doubleBytes)));
    }

    static Stream<Arguments> wrongSizes() {
        return Stream.of(
            Arguments.of(Serdes.Integer(), "IntegerDeserializer", 4, 3),
            Arguments.of(Serdes.Integer(), "IntegerDeserializer", 4, 8),
            Arguments.of(Serdes.Long(), "LongDeserializer", 8, 4),
            Arguments.of(Serdes.Long(), "LongDeserializer", 8, 0),
            Arguments.of(Serdes.Short(), "ShortDeserializer", 2, 1),
            Arguments.of(Serdes.Float(), "FloatDeserializer", 4, 8),
            Arguments.of(Serdes.Double(), "DoubleDeserializer", 8, 4),
            Arguments.of(Serdes.Boolean(), "BooleanDeserializer", 1, 2));
    }

    @ParameterizedTest
    @MethodSource("wrongSizes")
    void shouldRejectWrongSizeNamingExpectedAndActual(Serde<?> serde, String name, int expected, int actual) {
        SerializationException e = assertThrows(SerializationException.class,
            () -> serde.deserializer().deserialize(TOPIC, new byte[actual]));
        assertEquals("Size of data received by " + name + " is not " + expected + ": got " + actual
            + " bytes from topic 'clicks'", e.getMessage());
    }

    @Test
    void shouldRejectBooleanByteOtherThanZeroOrOne() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> Serdes.Boolean().deserializer().deserialize(TOPIC, bytes(0x02)));
        assertEquals("Unexpected byte received by BooleanDeserializer: 0x02 from topic 'clicks'; expected 0x00 or 0x01",
            e.getMessage());
    }

    @Test
    void shouldRejectAnyDataForVoid() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> Serdes.Void().deserializer().deserialize(TOPIC, new byte[0]));
        assertEquals("Data should be null for a VoidDeserializer: got 0 bytes from topic 'clicks'", e.getMessage());
    }

    @Test
    void shouldRejectTextThatIsNotUuidWithoutEchoingIt() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> Serdes.UUID().deserializer().deserialize(TOPIC, "secret-token".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Error parsing data into UUID from topic 'clicks': expected the 36-character string form, "
            + "got 12 bytes", e.getMessage());
    }

    @Test
    void shouldPassByteArraysThroughWithoutCopying() {
        byte[] data = {1, 2, 3};
        assertTrue(data == Serdes.ByteArray().serializer().serialize(TOPIC, data));
        assertTrue(data == Serdes.ByteArray().deserializer().deserialize(TOPIC, data));
        assertArrayEquals(new byte[0], Serdes.ByteArray().deserializer().deserialize(TOPIC, new byte[0]));
    }

    @Test
    void shouldSerializeRemainingBytesOfByteBufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
        buffer.position(1).limit(4);
        assertArrayEquals(bytes(1, 2, 3), Serdes.ByteBuffer().serializer().serialize(TOPIC, buffer));
        assertEquals(1, buffer.position());

        ByteBuffer direct = ByteBuffer.allocateDirect(2).put((byte) 5).put((byte) 6).flip();
        assertArrayEquals(bytes(5, 6), Serdes.ByteBuffer().serializer().serialize(TOPIC, direct));

        ByteBuffer read = Serdes.ByteBuffer().deserializer().deserialize(TOPIC, bytes(7, 8));
        assertEquals(ByteBuffer.wrap(bytes(7, 8)), read);
    }

    @Test
    void shouldDeserializeTheRemainingBytesOfABufferWithoutMovingIt() {
        byte[] framed = new byte[2 + Long.BYTES];
        ByteBuffer.wrap(framed).putLong(2, -42L);
        ByteBuffer longView = ByteBuffer.wrap(framed).position(2);
        assertEquals(-42L, Serdes.Long().deserializer().deserialize(TOPIC, null, longView));
        assertEquals(2, longView.position());

        ByteBuffer text = ByteBuffer.wrap("xxhéllo".getBytes(StandardCharsets.UTF_8)).position(2);
        assertEquals("héllo", Serdes.String().deserializer().deserialize(TOPIC, null, text));
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(bytes('a', 'b', 'c')).flip();
        assertEquals("abc", Serdes.String().deserializer().deserialize(TOPIC, new RecordHeaders(), direct));

        // The default copies the bytes for the array method; a wrong length keeps the array path's error.
        assertEquals(7, Serdes.Integer().deserializer().deserialize(TOPIC, null, ByteBuffer.wrap(bytes(0, 0, 0, 7))));
        assertThrows(SerializationException.class,
            () -> Serdes.Long().deserializer().deserialize(TOPIC, null, ByteBuffer.wrap(bytes(1, 2))));
        assertNull(Serdes.String().deserializer().deserialize(TOPIC, null, (ByteBuffer) null));
        assertNull(Serdes.Long().deserializer().deserialize(TOPIC, null, (ByteBuffer) null));
    }

    @Test
    void shouldReturnBuiltInSerdeForEachSupportedClass() {
        Map<Class<?>, Class<?>> expected = Map.ofEntries(
            Map.entry(String.class, Serdes.StringSerde.class),
            Map.entry(byte[].class, Serdes.ByteArraySerde.class),
            Map.entry(ByteBuffer.class, Serdes.ByteBufferSerde.class),
            Map.entry(Bytes.class, Serdes.BytesSerde.class),
            Map.entry(Integer.class, Serdes.IntegerSerde.class),
            Map.entry(Long.class, Serdes.LongSerde.class),
            Map.entry(Short.class, Serdes.ShortSerde.class),
            Map.entry(Float.class, Serdes.FloatSerde.class),
            Map.entry(Double.class, Serdes.DoubleSerde.class),
            Map.entry(UUID.class, Serdes.UUIDSerde.class),
            Map.entry(Void.class, Serdes.VoidSerde.class),
            Map.entry(Boolean.class, Serdes.BooleanSerde.class));
        expected.forEach((type, serdeClass) -> assertInstanceOf(serdeClass, Serdes.serdeFrom(type), type.getName()));
    }

    @Test
    void shouldRejectClassWithoutBuiltInSerde() {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Serdes.serdeFrom(java.time.Instant.class));
        assertTrue(e.getMessage().startsWith("Unknown class for built-in serializer: java.time.Instant."),
            e.getMessage());
        assertThrows(NullPointerException.class, () -> Serdes.serdeFrom((Class<?>) null));
    }

    @Test
    void shouldWrapSerializerAndDeserializerAndForwardLifecycle() {
        List<String> calls = new ArrayList<>();
        Serializer<String> serializer = new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                calls.add("serializer.configure " + isKey);
            }

            @Override
            public byte[] serialize(String topic, String data) {
                return data.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
                calls.add("serializer.close");
            }
        };
        Deserializer<String> deserializer = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                calls.add("deserializer.configure " + isKey);
            }

            @Override
            public String deserialize(String topic, byte[] data) {
                return new String(data, StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
                calls.add("deserializer.close");
            }
        };
        try (Serde<String> serde = Serdes.serdeFrom(serializer, deserializer)) {
            serde.configure(Map.of(), true);
            assertEquals("x", serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, "x")));
        }
        assertEquals(List.of("serializer.configure true", "deserializer.configure true", "serializer.close",
            "deserializer.close"), calls);
        assertThrows(NullPointerException.class, () -> Serdes.serdeFrom(null, deserializer));
        assertThrows(NullPointerException.class, () -> Serdes.serdeFrom(serializer, null));
    }

    @Test
    void shouldDelegateHeadersOverloadsByDefault() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", bytes(1));
        Serde<Long> serde = Serdes.Long();
        byte[] data = serde.serializer().serialize(TOPIC, headers, 42L);
        assertEquals(42L, serde.deserializer().deserialize(TOPIC, headers, data));
    }

    @Test
    void shouldReturnNewSerdeFromEachFactoryCall() {
        assertTrue(Serdes.String() != Serdes.String());
        assertTrue(Serdes.String().serializer() != Serdes.String().serializer());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
