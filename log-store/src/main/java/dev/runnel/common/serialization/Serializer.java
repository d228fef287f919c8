package dev.runnel.common.serialization;

import dev.runnel.common.header.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Converts a key or value of type {@code T} to bytes before it is written to a topic.
 *
 * <p>A serializer is created once per client and called for every record, so implementations should not allocate
 * beyond the returned array. A {@code null} input should serialize to {@code null}, which the log stores as a null key
 * or value (a tombstone for compacted topics). Failures are reported as
 * {@link dev.runnel.common.errors.SerializationException}. Unless an implementation says otherwise it must be
 * thread-safe once {@link #configure} has returned, because a producer may be shared by many threads.
 *
 * @param <T> the type being serialized
 */
public interface Serializer<T> extends Closeable {

    /**
     * Configures this serializer from the client's configuration. Called at most once, before the first
     * {@code serialize} call; the default does nothing.
     *
     * @param configs the client's configuration, keyed as in Kafka
     * @param isKey whether this serializer handles keys rather than values
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * Returns the serialized form of {@code data}, or {@code null} if {@code data} is {@code null}.
     *
     * @param topic the topic the record is bound for; may be {@code null} when no topic applies
     */
    byte[] serialize(String topic, T data);

    /** Serializes {@code data} for a record that carries {@code headers}; the default ignores the headers. */
    default byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    /** Releases any resources. Called once, when the owning client closes; the default does nothing. */
    @Override
    default void close() {
    }
}
