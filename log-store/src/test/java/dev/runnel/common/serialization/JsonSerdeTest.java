package dev.runnel.common.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    private static final String TOPIC = "pageviews";

    record PageView(String user, String page, long viewTimeMs) {
    }

    static final class NoProperties {
    }

    @Test
    void shouldRoundTripRecordThroughJsonSerde() {
        Serde<PageView> serde = Serdes.Json(PageView.class);
        PageView view = new PageView("zoë", "/home", 1_700_000_000_000L);
        byte[] bytes = serde.serializer().serialize(TOPIC, view);
        assertEquals("{\"user\":\"zoë\",\"page\":\"/home\",\"viewTimeMs\":1700000000000}",
            new String(bytes, StandardCharsets.UTF_8));
        assertEquals(view, serde.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void shouldDeserializeToJsonNodeByDefault() {
        JsonDeserializer<JsonNode> deserializer = new JsonDeserializer<>();
        JsonNode node = deserializer.deserialize(TOPIC, utf8("{\"user\":\"alice\",\"tags\":[1,2]}"));
        assertEquals("alice", node.get("user").asText());
        assertEquals(2, node.get("tags").size());
        assertTrue(deserializer.deserialize(TOPIC, utf8("null")).isNull());
    }

    @Test
    void shouldSerializeJsonNode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("n", Long.MIN_VALUE).put("s", "");
        JsonSerializer<JsonNode> serializer = new JsonSerializer<>();
        assertEquals("{\"n\":-9223372036854775808,\"s\":\"\"}",
            new String(serializer.serialize(TOPIC, node), StandardCharsets.UTF_8));
    }

    @Test
    void shouldDeserializeGenericTypeFromTypeReference() {
        JsonDeserializer<List<Map<String, Integer>>> deserializer = new JsonDeserializer<>(new TypeReference<>() { });
        assertEquals(List.of(Map.of("a", 1), Map.of("b", -2)),
            deserializer.deserialize(TOPIC, utf8("[{\"a\":1},{\"b\":-2}]")));
    }

    @Test
    void shouldRejectMalformedJsonNamingTopicButNotValue() {
        JsonDeserializer<PageView> deserializer = new JsonDeserializer<>(PageView.class);
        SerializationException e = assertThrows(SerializationException.class,
            () -> deserializer.deserialize(TOPIC, utf8("{\"user\":\"alice-secret-4111\",")));
        assertTrue(e.getMessage().startsWith("Error deserializing JSON from topic 'pageviews' at line 1, column "),
            e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected end-of-input"), e.getMessage());
        assertFalse(e.getMessage().contains("alice-secret-4111"), e.getMessage());
    }

    @Test
    void shouldRejectTypeMismatch() {
        JsonDeserializer<PageView> deserializer = new JsonDeserializer<>(PageView.class);
        SerializationException e = assertThrows(SerializationException.class,
            () -> deserializer.deserialize(TOPIC, utf8("{\"user\":\"a\",\"page\":\"/\",\"viewTimeMs\":\"soon\"}")));
        assertTrue(e.getMessage().startsWith("Error deserializing JSON from topic 'pageviews'"), e.getMessage());
        assertTrue(e.getMessage().contains("long"), e.getMessage());
    }

    @Test
    void shouldRejectTrailingContent() {
        JsonDeserializer<JsonNode> deserializer = new JsonDeserializer<>();
        assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, utf8("{} {}")));
    }

    @Test
    void shouldRejectEmptyData() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> new JsonDeserializer<>().deserialize(TOPIC, new byte[0]));
        assertEquals("Error deserializing JSON from topic 'pageviews': the data is empty (0 bytes); a null value "
            + "must be sent as null, not as an empty array", e.getMessage());
    }

    @Test
    void shouldReportUnwritableValueWithTopicAndClass() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> new JsonSerializer<>().serialize(TOPIC, new NoProperties()));
        assertTrue(e.getMessage().startsWith("Error serializing " + NoProperties.class.getName()
            + " to JSON for topic 'pageviews': "), e.getMessage());
    }

    @Test
    void shouldUseSuppliedMapperConfiguration() {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        assertEquals("{}", new String(new JsonSerializer<>(mapper).serialize(TOPIC, new NoProperties()),
            StandardCharsets.UTF_8));
        JsonDeserializer<PageView> deserializer = new JsonDeserializer<>(PageView.class, mapper);
        assertInstanceOf(PageView.class,
            deserializer.deserialize(TOPIC, utf8("{\"user\":\"a\",\"page\":\"/\",\"viewTimeMs\":1}")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
