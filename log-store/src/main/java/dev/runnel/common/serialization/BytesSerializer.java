package dev.runnel.common.serialization;

import dev.runnel.common.utils.Bytes;

/** Unwraps {@link Bytes} to its backing array, without copying. Stateless and thread-safe. */
public class BytesSerializer implements Serializer<Bytes> {
    @Override
    public byte[] serialize(String topic, Bytes data) {
        return data == null ? null : data.get();
    }
}
