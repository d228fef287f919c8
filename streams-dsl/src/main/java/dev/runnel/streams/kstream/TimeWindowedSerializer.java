package dev.runnel.streams.kstream;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes a time-windowed key as Kafka Streams does:
 * <pre>
 *  0    key          bytes   the inner serializer's output, length n
 *  n    windowStart  int64   big-endian, ms
 * </pre>
 * The window end is not written; the deserializer rebuilds it from the window size. The inner serializer is given to
 * the constructor, or, after the no-argument one, by {@link #configure} from {@link #WINDOWED_INNER_SERIALIZER_CLASS}.
 */
public class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {
    /** Config: the {@link Serde} class (or its name) whose serializer writes the keys. */
    public static final String WINDOWED_INNER_SERIALIZER_CLASS = "windowed.inner.serializer.class";

    static final int TIMESTAMP_SIZE = Long.BYTES;

    private Serializer<T> inner;

    /** Creates a serializer to be configured ({@link #configure}) before use. */
    public TimeWindowedSerializer() {
    }

    /** Wraps the key serializer. */
    public TimeWindowedSerializer(Serializer<T> inner) {
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
        return data == null ? null : withStart(serializeBaseKey(topic, data), data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Windowed<T> data) {
        return data == null ? null : withStart(serializeBaseKey(topic, headers, data), data);
    }

    private static byte[] withStart(byte[] key, Windowed<?> data) {
        return ByteBuffer.allocate(key.length + TIMESTAMP_SIZE).put(key).putLong(data.window().start()).array();
    }

    /** Returns the inner serializer's bytes of the record key alone, without the window. */
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
