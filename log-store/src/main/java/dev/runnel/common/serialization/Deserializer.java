package dev.runnel.common.serialization;

import dev.runnel.common.header.Headers;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Converts the bytes of a key or value read from a topic back to a {@code T}.
 *
 * <p>A {@code null} input (a null key, or a tombstone value) should deserialize to {@code null}. Input that is not
 * a valid encoding is reported as {@link dev.runnel.common.errors.SerializationException}, which a consumer or a
 * running topology passes to its deserialization error handler. Unless an implementation says otherwise it must be
 * thread-safe once {@link #configure} has returned.
 *
 * @param <T> the type being deserialized
 */
public interface Deserializer<T> extends Closeable {

    /**
     * Configures this deserializer from the client's configuration. Called at most once, before the first
     * {@code deserialize} call; the default does nothing.
     *
     * @param configs the client's configuration, keyed as in Kafka
     * @param isKey whether this deserializer handles keys rather than values
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * Returns the value encoded in {@code data}, or {@code null} if {@code data} is {@code null}. The array may be
     * reused by the caller once this method returns, so implementations must not keep a reference to it.
     *
     * @param topic the topic the record was read from; may be {@code null} when no topic applies
     */
    T deserialize(String topic, byte[] data);

    /** Deserializes {@code data} from a record that carries {@code headers}; the default ignores the headers. */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /**
     * Deserializes the remaining bytes of {@code data} ({@code null} for a null key or value), as Kafka's
     * {@code Deserializer} does; {@code headers} may be {@code null} where no record applies. The default copies the
     * bytes into an array for the array methods; deserializers that can read the buffer in place override it to spare
     * the copy.
     */
    default T deserialize(String topic, Headers headers, ByteBuffer data) {
        byte[] copy = null;
        if (data != null) {
            copy = new byte[data.remaining()];
            data.duplicate().get(copy);
        }
        // Null headers: no record applies (a store's value), so the headers-free method is the one to call.
        return headers == null ? deserialize(topic, copy) : deserialize(topic, headers, copy);
    }

    /** Releases any resources. Called once, when the owning client closes; the default does nothing. */
    @Override
    default void close() {
    }
}
