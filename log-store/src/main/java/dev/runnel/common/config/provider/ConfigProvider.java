package dev.runnel.common.config.provider;

import dev.runnel.common.Configurable;
import dev.runnel.common.config.ConfigChangeCallback;
import dev.runnel.common.config.ConfigData;
import java.io.Closeable;
import java.util.Set;

/**
 * A source of config values, each under a path and a key, as Kafka's {@code ConfigProvider}. Subscribing to changes
 * is optional: by default it throws {@link UnsupportedOperationException}.
 */
public interface ConfigProvider extends Configurable, Closeable {
    /** Returns every value under {@code path}. */
    ConfigData get(String path);

    /** Returns the values of {@code keys} under {@code path}. */
    ConfigData get(String path, Set<String> keys);

    /** Calls {@code callback} whenever a value of {@code keys} under {@code path} changes. */
    default void subscribe(String path, Set<String> keys, ConfigChangeCallback callback) {
        throw new UnsupportedOperationException();
    }

    /** Stops calling {@code callback} for {@code keys} under {@code path}. */
    default void unsubscribe(String path, Set<String> keys, ConfigChangeCallback callback) {
        throw new UnsupportedOperationException();
    }

    /** Stops every subscription. */
    default void unsubscribeAll() {
        throw new UnsupportedOperationException();
    }
}
