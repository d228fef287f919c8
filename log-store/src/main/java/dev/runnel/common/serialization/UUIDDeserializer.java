package dev.runnel.common.serialization;

import dev.runnel.common.errors.SerializationException;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes the string form written by {@link UUIDSerializer}; text that is not a UUID is a
 * {@link SerializationException}. Configured by the same keys as {@link StringDeserializer}. Thread-safe once
 * configured.
 */
public class UUIDDeserializer implements Deserializer<UUID> {
    /** Bytes in the canonical form, 8-4-4-4-12 hex digits with dashes; used only in error messages. */
    private static final int CANONICAL_LENGTH = 36;

    private Charset encoding = CharsetConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = CharsetConfig.resolve(configs, isKey, "deserializer");
    }

    @Override
    public UUID deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(data, encoding));
        } catch (IllegalArgumentException e) {
            // The text is not echoed: it is record data.
            throw new SerializationException(String.format(Locale.ROOT,
                "Error parsing data into UUID from topic '%s': expected the %d-character string form, got %d bytes",
                topic, CANONICAL_LENGTH, data.length), e);
        }
    }
}
