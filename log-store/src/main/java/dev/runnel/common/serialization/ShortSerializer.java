package dev.runnel.common.serialization;

/** Encodes {@code Short} as 2 bytes, big-endian two's complement, as Kafka does. Stateless and thread-safe. */
public class ShortSerializer implements Serializer<Short> {
    @Override
    public byte[] serialize(String topic, Short data) {
        return data == null ? null : FixedWidth.writeBigEndian(data, Short.BYTES);
    }
}
