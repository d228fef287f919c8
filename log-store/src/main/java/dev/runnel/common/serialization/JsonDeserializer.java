package dev.runnel.common.serialization;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.runnel.common.errors.SerializationException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes JSON with Jackson into a {@code T} given as a {@link Class} or, for generic types, a
 * {@link TypeReference}. The no-argument constructor, which client configs use, decodes to {@link JsonNode}.
 *
 * <pre>{@code
 * Deserializer<List<PageView>> deserializer = new JsonDeserializer<>(new TypeReference<List<PageView>>() { });
 * }</pre>
 *
 * <p>{@code null} data deserializes to {@code null}. Anything that is not exactly one JSON value of the target type
 * (malformed text, an empty array, trailing content, a type mismatch) is a {@link SerializationException} naming the
 * topic and Jackson's description of the problem with its line and column; the record itself is not quoted, though
 * Jackson may name the offending token. Thread-safe: Jackson's {@link ObjectReader} is immutable.
 *
 * @param <T> the type being deserialized
 */
public class JsonDeserializer<T> implements Deserializer<T> {
    private final ObjectReader reader;

    /**
     * Creates a deserializer that returns {@link JsonNode} trees. {@code T} must be {@code JsonNode} or a supertype
     * of it; any other choice fails with a {@link ClassCastException} at the caller.
     */
    public JsonDeserializer() {
        this.reader = readerFor(new ObjectMapper(), JsonNode.class);
    }

    public JsonDeserializer(Class<T> type) {
        this(type, new ObjectMapper());
    }

    public JsonDeserializer(TypeReference<T> type) {
        this(type, new ObjectMapper());
    }

    /** Creates a deserializer that reads with {@code mapper}'s configuration and modules, as of this call. */
    public JsonDeserializer(Class<T> type, ObjectMapper mapper) {
        this.reader = readerFor(mapper, Objects.requireNonNull(type, "type"));
    }

    /** Creates a deserializer that reads with {@code mapper}'s configuration and modules, as of this call. */
    public JsonDeserializer(TypeReference<T> type, ObjectMapper mapper) {
        this.reader = readerFor(mapper, Objects.requireNonNull(type, "type").getType());
    }

    private static ObjectReader readerFor(ObjectMapper mapper, Type type) {
        JavaType javaType = Objects.requireNonNull(mapper, "mapper").getTypeFactory().constructType(type);
        // A record is one JSON value: "{} junk" is malformed, not "{}".
        return mapper.readerFor(javaType).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SerializationException(String.format(Locale.ROOT,
                "Error deserializing JSON from topic '%s': the data is empty (0 bytes); a null value must be sent as "
                    + "null, not as an empty array", topic));
        }
        try {
            return reader.readValue(data);
        } catch (JsonProcessingException e) {
            String message = String.format(Locale.ROOT, "Error deserializing JSON from topic '%s'%s: %s",
                topic, where(e.getLocation()), e.getOriginalMessage());
            throw new SerializationException(message, e);
        } catch (IOException e) {
            // Reading from a byte array does no I/O; Jackson declares it for other sources.
            throw new SerializationException(String.format(Locale.ROOT,
                "Error deserializing JSON from topic '%s': %s", topic, e.getMessage()), e);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return String.format(Locale.ROOT, " at line %d, column %d", location.getLineNr(), location.getColumnNr());
    }
}
