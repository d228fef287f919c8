package dev.runnel.streams.kstream;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes a session-windowed key as Kafka Streams does:
 * <pre>
 *  0    key           bytes   the inner serializer's output, length n
 *  n    sessionEnd    int64   big-endian, ms
 *  n+8  sessionStart  int64   big-endian, ms
 * </pre>
 * The inner serializer is given to the constructor, or, after the no-argument one, by {@link #configure} from
 * {@link #WINDOWED_INNER_SERIALIZER_CLASS}.
 */
public class SessionWindowedSerializer<T> implements Serializer<Windowed<T>> {
    /** Config: the {@link Serde} class (or its name) whose serializer writes the keys. */
    public static final String WINDOWED_INNER_SERIALIZER_CLASS = "windowed.inner.serializer.class";

    static final int SUFFIX_SIZE = 2 * Long.BYTES;

    private Serializer<T> inner;

    /** Creates a serializer to be configured ({@link #configure}) before use. */
    public SessionWindowedSerializer() {
    }

    /** Wraps the key serializer. */
    public SessionWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /**
     * Takes the inner serializer from {@link #WINDOWED_INNER_SERIALIZER_CLASS} if the constructor gave none.
     *
     * @throws IllegalArgumentException if neither gives one, or they are of different classes
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner = WindowedInner.resolve(inner, configs, WINDOWED_INNER_SERIALIZER_CLASS, Serde::serializer);
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        return data == null ? null : withSession(serializeBaseKey(topic, data), data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Windowed<T> data) {
        return data == null ? null : withSession(serializeBaseKey(topic, headers, data), data);
    }

    private static byte[] withSession(byte[] key, Windowed<?> data) {
        return ByteBuffer.allocate(key.length + SUFFIX_SIZE).put(key).putLong(data.window().end())
            .putLong(data.window().start()).array();
    }

    /** Returns the inner serializer's bytes of the record key alone, without the session. */
    public byte[] serializeBaseKey(String topic, Windowed<T> data) {
        return WindowedInner.require(inner).serialize(topic, data.key());
    }

    /** As {@link #serializeBaseKey(String, Windowed)}, for a record that carries {@code headers}. */
    public byte[] serializeBaseKey(String topic, Headers headers, Windowed<T> data) {
        return WindowedInner.require(inner).serialize(topic, headers, data.key());
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
