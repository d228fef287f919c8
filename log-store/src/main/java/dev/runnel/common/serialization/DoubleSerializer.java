package dev.runnel.common.serialization;

/**
 * Encodes {@code Double} as the 8 bytes of its IEEE 754 bit pattern, big-endian, as Kafka does. NaN payloads and
 * the sign of zero are kept ({@link Double#doubleToRawLongBits}). Stateless and thread-safe.
 */
public class DoubleSerializer implements Serializer<Double> {
    @Override
    public byte[] serialize(String topic, Double data) {
        return data == null ? null : FixedWidth.writeBigEndian(Double.doubleToRawLongBits(data), Double.BYTES);
    }
}
