package dev.runnel.common.serialization;

/**
 * Decodes the 4-byte IEEE 754 encoding written by {@link FloatSerializer}. Any other length is a
 * {@link dev.runnel.common.errors.SerializationException}. Stateless and thread-safe.
 */
public class FloatDeserializer implements Deserializer<Float> {
    @Override
    public Float deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("FloatDeserializer", topic, data, Float.BYTES);
        return Float.intBitsToFloat((int) FixedWidth.readBigEndian(data, Float.BYTES));
    }
}
