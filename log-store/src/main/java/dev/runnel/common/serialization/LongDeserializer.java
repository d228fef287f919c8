package dev.runnel.common.serialization;

import dev.runnel.common.header.Headers;
import java.nio.ByteBuffer;

/**
 * Decodes the 8-byte, big-endian encoding written by {@link LongSerializer}. Any other length is a
 * {@link dev.runnel.common.errors.SerializationException}. Stateless and thread-safe.
 */
public class LongDeserializer implements Deserializer<Long> {
    @Override
    public Long deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("LongDeserializer", topic, data, Long.BYTES);
        return (long) FixedWidth.readBigEndian(data, Long.BYTES);
    }

    /** Reads eight remaining bytes in place; any other length takes the array path and its error. */
    @Override
    public Long deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null || data.remaining() != Long.BYTES) {
            return Deserializer.super.deserialize(topic, headers, data);
        }
        return data.getLong(data.position());
    }
}
