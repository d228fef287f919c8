package dev.runnel.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StringSerializerTest {
    private static final String TOPIC = "names";
    private static final String TEXT = "Grüße, Zoë";

    @Test
    void shouldEncodeUtf8ByDefault() {
        assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_8), new StringSerializer().serialize(TOPIC, TEXT));
        assertEquals(TEXT, new StringDeserializer().deserialize(TOPIC, TEXT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldHonourKeyAndValueSpecificEncoding() {
        Map<String, Object> configs = Map.of(
            "key.serializer.encoding", "UTF-16BE",
            "value.serializer.encoding", "ISO-8859-1",
            "serializer.encoding", "US-ASCII");
        assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_16BE), configured(configs, true).serialize(TOPIC, TEXT));
        assertArrayEquals(TEXT.getBytes(StandardCharsets.ISO_8859_1),
            configured(configs, false).serialize(TOPIC, TEXT));
    }

    @Test
    void shouldFallBackToGenericEncoding() {
        Map<String, Object> configs = Map.of("key.serializer.encoding", "UTF-16BE", "serializer.encoding", "UTF-16LE");
        assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_16LE), configured(configs, false).serialize(TOPIC, TEXT));
    }

    @Test
    void shouldReadDeserializerEncodingKeys() {
        StringDeserializer deserializer = new StringDeserializer();
        deserializer.configure(Map.of("value.deserializer.encoding", "UTF-16BE",
            "value.serializer.encoding", "ISO-8859-1"), false);
        assertEquals(TEXT, deserializer.deserialize(TOPIC, TEXT.getBytes(StandardCharsets.UTF_16BE)));
    }

    @Test
    void shouldConfigureBothHalvesOfStringSerde() {
        Serde<String> serde = Serdes.String();
        serde.configure(Map.of("serializer.encoding", "UTF-16", "deserializer.encoding", "UTF-16"), true);
        byte[] bytes = serde.serializer().serialize(TOPIC, TEXT);
        assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_16), bytes);
        assertEquals(TEXT, serde.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void shouldApplyEncodingToUuids() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Serde<UUID> serde = Serdes.UUID();
        serde.configure(Map.of("serializer.encoding", "UTF-16BE", "deserializer.encoding", "UTF-16BE"), false);
        byte[] bytes = serde.serializer().serialize(TOPIC, uuid);
        assertEquals(72, bytes.length);
        assertEquals(uuid, serde.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void shouldRejectUnknownEncodingNamingTheKey() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> configured(Map.of("value.serializer.encoding", "no-such-charset"), false));
        assertEquals("Unsupported encoding 'no-such-charset' in value.serializer.encoding; use a charset name such as "
            + "UTF-8", e.getMessage());
        SerializationException wrongType = assertThrows(SerializationException.class,
            () -> configured(Map.of("serializer.encoding", 8), true));
        assertEquals("Invalid serializer.encoding: expected a charset name, got Integer", wrongType.getMessage());
    }

    private static StringSerializer configured(Map<String, ?> configs, boolean isKey) {
        StringSerializer serializer = new StringSerializer();
        serializer.configure(configs, isKey);
        return serializer;
    }
}
