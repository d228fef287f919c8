package dev.runnel.common.serialization;

/** Encodes {@code Integer} as 4 bytes, big-endian two's complement, as Kafka does. Stateless and thread-safe. */
public class IntegerSerializer implements Serializer<Integer> {
    @Override
    public byte[] serialize(String topic, Integer data) {
        return data == null ? null : FixedWidth.writeBigEndian(data, Integer.BYTES);
    }
}
