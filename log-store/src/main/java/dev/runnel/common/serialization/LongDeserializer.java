package dev.runnel.common.serialization;

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
}
