package dev.runnel.common.serialization;

/** Encodes {@code Long} as 8 bytes, big-endian two's complement, as Kafka does. Stateless and thread-safe. */
public class LongSerializer implements Serializer<Long> {
    @Override
    public byte[] serialize(String topic, Long data) {
        return data == null ? null : FixedWidth.writeBigEndian(data, Long.BYTES);
    }
}
