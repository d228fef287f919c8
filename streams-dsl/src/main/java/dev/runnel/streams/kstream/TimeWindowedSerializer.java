package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Serializes a time-windowed key as Kafka Streams does:
 * <pre>
 *  0    key          bytes   the inner serializer's output, length n
 *  n    windowStart  int64   big-endian, ms
 * </pre>
 * The window end is not written; the deserializer rebuilds it from the window size.
 */
public class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {
    static final int TIMESTAMP_SIZE = Long.BYTES;

    private final Serializer<T> inner;

    /** Wraps the key serializer. */
    public TimeWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        byte[] key = inner.serialize(topic, data.key());
        return ByteBuffer.allocate(key.length + TIMESTAMP_SIZE).put(key).putLong(data.window().start()).array();
    }
}
