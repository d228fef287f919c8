package dev.runnel.common.serialization;

/** Encodes {@code true} as the single byte 0x01 and {@code false} as 0x00, as Kafka does. Stateless and thread-safe. */
public class BooleanSerializer implements Serializer<Boolean> {
    static final byte TRUE = 0x01;
    static final byte FALSE = 0x00;

    @Override
    public byte[] serialize(String topic, Boolean data) {
        if (data == null) {
            return null;
        }
        return new byte[] {data ? TRUE : FALSE};
    }
}
