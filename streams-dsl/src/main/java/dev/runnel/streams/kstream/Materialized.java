package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreSupplier;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a table or aggregation is stored: the store name (which makes it queryable), or a store supplier, serdes,
 * changelog and cache settings, and retention for windowed stores. Unset serdes fall back to the upstream ones,
 * then the application defaults. Immutable: every {@code withX} returns a new instance.
 *
 * <pre>{@code
 * table.filter((k, v) -> v > 0, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("positive")
 *     .withValueSerde(Serdes.Long()));
 * }</pre>
 */
public class Materialized<K, V, S extends StateStore> {
    /** The store name, or {@code null} for a generated (not queryable) one. */
    protected final String storeName;
    /** The store supplier, or {@code null} for the default store. */
    protected final StoreSupplier<S> storeSupplier;
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null}. */
    protected final Serde<V> valueSerde;
    /** Whether the store logs its changes. */
    protected final boolean loggingEnabled;
    /** Whether the store is cached. */
    protected final boolean cachingEnabled;
    /** The changelog topic configs. */
    protected final Map<String, String> topicConfig;
    /** The retention of windowed stores, or {@code null} for the default. */
    protected final Duration retention;

    /** Creates an option object. */
    protected Materialized(String storeName, StoreSupplier<S> storeSupplier, Serde<K> keySerde,
        Serde<V> valueSerde, boolean loggingEnabled, boolean cachingEnabled, Map<String, String> topicConfig,
        Duration retention) {
        if (storeName != null) {
            Named.validate(storeName);
        }
        this.storeName = storeName;
        this.storeSupplier = storeSupplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.loggingEnabled = loggingEnabled;
        this.cachingEnabled = cachingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
        this.retention = retention;
    }

    /** Creates a copy of {@code materialized}. */
    protected Materialized(Materialized<K, V, S> materialized) {
        this(materialized.storeName, materialized.storeSupplier, materialized.keySerde,
            materialized.valueSerde, materialized.loggingEnabled, materialized.cachingEnabled,
            materialized.topicConfig, materialized.retention);
    }

    /** Returns an instance with the given store name, which makes the store queryable. */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        return new Materialized<>(Objects.requireNonNull(storeName, "storeName can't be null"), null, null, null,
            true, true, Map.of(), null);
    }

    /** Returns an instance using the given key-value store supplier (its name names the store). */
    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> as(KeyValueBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier can't be null");
        return new Materialized<>(supplier.name(), supplier, null, null, true, true, Map.of(), null);
    }

    /** Returns an instance with the given serdes and a generated store name. */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<>(null, null, keySerde, valueSerde, true, true, Map.of(), null);
    }

    /** Returns a copy with the given key serde. */
    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled,
            cachingEnabled, topicConfig, retention);
    }

    /** Returns a copy with the given value serde. */
    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled,
            cachingEnabled, topicConfig, retention);
    }

    /** Returns a copy whose store logs changes to a changelog created with {@code config}. */
    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, true, cachingEnabled,
            Objects.requireNonNull(config, "config"), retention);
    }

    /** Returns a copy whose store keeps no changelog. */
    public Materialized<K, V, S> withLoggingDisabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, false, cachingEnabled,
            Map.of(), retention);
    }

    /** Returns a copy whose store is cached. */
    public Materialized<K, V, S> withCachingEnabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, true,
            topicConfig, retention);
    }

    /** Returns a copy whose store is not cached. */
    public Materialized<K, V, S> withCachingDisabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, false,
            topicConfig, retention);
    }

    /** Returns a copy with the given retention (windowed stores only). */
    public Materialized<K, V, S> withRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention can't be null");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("Retention must not be negative, was " + retention);
        }
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled,
            cachingEnabled, topicConfig, retention);
    }
}
