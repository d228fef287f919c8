package dev.runnel.common.serialization;

/**
 * Decodes the 8-byte IEEE 754 encoding written by {@link DoubleSerializer}. Any other length is a
 * {@link dev.runnel.common.errors.SerializationException}. Stateless and thread-safe.
 */
public class DoubleDeserializer implements Deserializer<Double> {
    @Override
    public Double deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.requireSize("DoubleDeserializer", topic, data, Double.BYTES);
        return Double.longBitsToDouble((long) FixedWidth.readBigEndian(data, Double.BYTES));
    }
}
