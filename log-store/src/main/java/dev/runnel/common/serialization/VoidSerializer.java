package dev.runnel.common.serialization;

/** Serializes the only {@code Void} value, {@code null}, to {@code null}. Stateless and thread-safe. */
public class VoidSerializer implements Serializer<Void> {
    @Override
    public byte[] serialize(String topic, Void data) {
        return null;
    }
}
