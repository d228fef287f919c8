package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Deserializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** Reads the format of {@link SessionWindowedSerializer}. */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;

    /** Wraps the key deserializer. */
    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int keyLength = data.length - SessionWindowedSerializer.SUFFIX_SIZE;
        T key = inner.deserialize(topic, Arrays.copyOfRange(data, 0, keyLength));
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long end = buffer.getLong(keyLength);
        long start = buffer.getLong(keyLength + Long.BYTES);
        return new Windowed<>(key, new SessionWindow(start, end));
    }
}
