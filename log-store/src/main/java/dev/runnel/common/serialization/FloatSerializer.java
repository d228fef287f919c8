package dev.runnel.common.serialization;

/**
 * Encodes {@code Float} as the 4 bytes of its IEEE 754 bit pattern, big-endian, as Kafka does. NaN payloads and
 * the sign of zero are kept ({@link Float#floatToRawIntBits}). Stateless and thread-safe.
 */
public class FloatSerializer implements Serializer<Float> {
    @Override
    public byte[] serialize(String topic, Float data) {
        return data == null ? null : FixedWidth.writeBigEndian(Float.floatToRawIntBits(data), Float.BYTES);
    }
}
