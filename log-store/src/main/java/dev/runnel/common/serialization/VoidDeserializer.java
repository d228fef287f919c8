package dev.runnel.common.serialization;

import dev.runnel.common.errors.SerializationException;
import java.util.Locale;

/**
 * Accepts only {@code null} data and returns {@code null}. Any bytes at all are a {@link SerializationException}
 * (Kafka throws {@code IllegalArgumentException} here; Runnel treats it as bad data, like any other wrong size).
 * Stateless and thread-safe.
 */
public class VoidDeserializer implements Deserializer<Void> {
    @Override
    public Void deserialize(String topic, byte[] data) {
        if (data != null) {
            throw new SerializationException(String.format(Locale.ROOT,
                "Data should be null for a VoidDeserializer: got %d bytes from topic '%s'", data.length, topic));
        }
        return null;
    }
}
