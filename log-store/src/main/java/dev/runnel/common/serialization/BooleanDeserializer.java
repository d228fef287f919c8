package dev.runnel.common.serialization;

import dev.runnel.common.errors.SerializationException;
import java.util.Locale;

/**
 * Decodes the single byte written by {@link BooleanSerializer}. Any length other than 1, or a byte other than 0x00
 * and 0x01, is a {@link SerializationException}. Stateless and thread-safe.
 */
public class BooleanDeserializer implements Deserializer<Boolean> {
    @Override
    public Boolean deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("BooleanDeserializer", topic, data, 1);
        if (data[0] == BooleanSerializer.TRUE) {
            return Boolean.TRUE;
        }
        if (data[0] == BooleanSerializer.FALSE) {
            return Boolean.FALSE;
        }
        throw new SerializationException(String.format(Locale.ROOT,
            "Unexpected byte received by BooleanDeserializer: 0x%02X from topic '%s'; expected 0x00 or 0x01",
            data[0] & 0xFF, topic));
    }
}
