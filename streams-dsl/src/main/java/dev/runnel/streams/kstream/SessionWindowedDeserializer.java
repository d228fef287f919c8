package dev.runnel.streams.kstream;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the format of {@link SessionWindowedSerializer}. The inner deserializer is given to the constructor, or, after
 * the no-argument one, by {@link #configure} from {@link #WINDOWED_INNER_DESERIALIZER_CLASS}.
 */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    /** Config: the {@link Serde} class (or its name) whose deserializer reads the keys. */
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private Deserializer<T> inner;

    /** Creates a deserializer to be configured ({@link #configure}) before use. */
    public SessionWindowedDeserializer() {
    }

    /** Wraps the key deserializer. */
    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /**
     * Takes the inner deserializer from {@link #WINDOWED_INNER_DESERIALIZER_CLASS} if the constructor gave none.
     *
     * @throws IllegalArgumentException if neither gives one, or they are of different classes
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner = WindowedInner.resolve(inner, configs, WINDOWED_INNER_DESERIALIZER_CLASS, Serde::deserializer);
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    /** Deserializes the key bytes through the inner deserializer's headers overload, unless {@code headers} is null. */
    @Override
    public Windowed<T> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        int keyLength = data.length - SessionWindowedSerializer.SUFFIX_SIZE;
        T key = WindowedInner.deserializeKey(inner, topic, headers, data, keyLength);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long end = buffer.getLong(keyLength);
        long start = buffer.getLong(keyLength + Long.BYTES);
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
