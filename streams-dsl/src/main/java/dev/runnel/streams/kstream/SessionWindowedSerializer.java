package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Serializes a session-windowed key as Kafka Streams does:
 * <pre>
 *  0    key           bytes   the inner serializer's output, length n
 *  n    sessionEnd    int64   big-endian, ms
 *  n+8  sessionStart  int64   big-endian, ms
 * </pre>
 */
public class SessionWindowedSerializer<T> implements Serializer<Windowed<T>> {
    static final int SUFFIX_SIZE = 2 * Long.BYTES;

    private final Serializer<T> inner;

    /** Wraps the key serializer. */
    public SessionWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        byte[] key = inner.serialize(topic, data.key());
        return ByteBuffer.allocate(key.length + SUFFIX_SIZE).put(key).putLong(data.window().end())
            .putLong(data.window().start()).array();
    }
}
