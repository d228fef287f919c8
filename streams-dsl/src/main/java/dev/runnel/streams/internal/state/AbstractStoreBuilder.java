package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.StoreBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings every store builder shares. Logging is on and caching off by default, as in Kafka Streams.
 * Mutable, like Kafka's builders (see {@link StoreBuilder}); not thread-safe.
 */
public abstract class AbstractStoreBuilder<K, V, T extends StateStore> implements StoreBuilder<T> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Time time;
    private boolean cachingEnabled;
    private boolean loggingEnabled = true;
    private Map<String, String> logConfig = Map.of();

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    protected AbstractStoreBuilder(String name, Serde<K> keySerde, Serde<V> valueSerde, Time time) {
        this.name = Objects.requireNonNull(name, "name");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        cachingEnabled = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        cachingEnabled = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        loggingEnabled = true;
        logConfig = Map.copyOf(Objects.requireNonNull(config, "config"));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = Map.of();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return new HashMap<>(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Returns whether a caching layer was asked for. */
    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    /** Gives {@code layers}, the builder a typed builder delegates its layering to, this builder's settings. */
    protected void applySettingsTo(AbstractStoreBuilder<?, ?, ?> layers) {
        if (loggingEnabled) {
            layers.withLoggingEnabled(logConfig);
        } else {
            layers.withLoggingDisabled();
        }
        if (cachingEnabled) {
            layers.withCachingEnabled();
        } else {
            layers.withCachingDisabled();
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the key serde, or {@code null} for the default. */
    protected Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the value serde, or {@code null} for the default. */
    protected Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Returns the clock for layers that need one (caching, window retention). */
    protected Time time() {
        return time;
    }
}
