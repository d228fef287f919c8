package dev.runnel.common.serialization;

/**
 * Decodes the 2-byte, big-endian encoding written by {@link ShortSerializer}. Any other length is a
 * {@link dev.runnel.common.errors.SerializationException}. Stateless and thread-safe.
 */
public class ShortDeserializer implements Deserializer<Short> {
    @Override
    public Short deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("ShortDeserializer", topic, data, Short.BYTES);
        return (short) FixedWidth.readBigEndian(data, Short.BYTES);
    }
}
