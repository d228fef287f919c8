package dev.runnel.common.serialization;

import java.io.Closeable;
import java.util.Map;

/**
 * A matching {@link Serializer} and {@link Deserializer} for one type, so that whatever one writes the other reads
 * back. {@link Serdes} creates the built-in ones.
 *
 * <pre>{@code
 * Serde<String> keySerde = Serdes.String();
 * byte[] bytes = keySerde.serializer().serialize("clicks", "alice");
 * String key = keySerde.deserializer().deserialize("clicks", bytes);
 * }</pre>
 *
 * @param <T> the type being (de)serialized
 */
public interface Serde<T> extends Closeable {

    /** Configures both halves; the default does nothing, and implementations usually forward to both. */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /** Closes both halves; the default does nothing. */
    @Override
    default void close() {
    }

    Serializer<T> serializer();

    Deserializer<T> deserializer();
}
