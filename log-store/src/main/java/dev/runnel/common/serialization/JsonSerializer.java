package dev.runnel.common.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.runnel.common.errors.SerializationException;
import java.util.Locale;
import java.util.Objects;

/**
 * Encodes values as UTF-8 JSON with Jackson. Kafka's clients have no JSON serde; this one sits beside the API so
 * that applications and the SQL {@code JSON} format share one encoding. {@code null} serializes to {@code null}
 * (a tombstone), not to the text {@code null}.
 *
 * <pre>{@code
 * Serializer<PageView> serializer = new JsonSerializer<>();
 * byte[] json = serializer.serialize("pageviews", new PageView("alice", "/home"));
 * }</pre>
 *
 * <p>Thread-safe: Jackson's {@link ObjectWriter} is immutable. A value Jackson cannot write (for example a bean with
 * no properties) is a {@link SerializationException} naming the topic and the value's class.
 *
 * @param <T> the type being serialized; any type Jackson can write, including {@code JsonNode}
 */
public class JsonSerializer<T> implements Serializer<T> {
    private final ObjectWriter writer;

    /** Creates a serializer with a default {@link ObjectMapper}. */
    public JsonSerializer() {
        this(new ObjectMapper());
    }

    /** Creates a serializer that writes with {@code mapper}'s configuration and modules, as of this call. */
    public JsonSerializer(ObjectMapper mapper) {
        this.writer = Objects.requireNonNull(mapper, "mapper").writer();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException(String.format(Locale.ROOT,
                "Error serializing %s to JSON for topic '%s': %s",
                data.getClass().getName(), topic, e.getOriginalMessage()), e);
        }
    }
}
