package dev.runnel.common.serialization;

/**
 * Decodes the 4-byte, big-endian encoding written by {@link IntegerSerializer}. Any other length is a
 * {@link dev.runnel.common.errors.SerializationException}. Stateless and thread-safe.
 */
public class IntegerDeserializer implements Deserializer<Integer> {
    @Override
    public Integer deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("IntegerDeserializer", topic, data, Integer.BYTES);
        return (int) FixedWidth.readBigEndian(data, Integer.BYTES);
    }
}
