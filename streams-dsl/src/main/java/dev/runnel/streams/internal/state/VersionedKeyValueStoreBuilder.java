package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.VersionedBytesStoreSupplier;
import dev.runnel.streams.state.VersionedKeyValueStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds {@code Metered(ChangeLogging?(supplier.get()))}: versioned stores have no caching layer, as in Kafka Streams.
 */
public final class VersionedKeyValueStoreBuilder<K, V>
    extends AbstractStoreBuilder<K, V, VersionedKeyValueStore<K, V>> {
    private final VersionedBytesStoreSupplier supplier;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public VersionedKeyValueStoreBuilder(VersionedBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
        Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.supplier = supplier;
    }

    /** Refuses: a cache would hide versions from the store, so versioned stores are never cached. */
    @Override
    public StoreBuilder<VersionedKeyValueStore<K, V>> withCachingEnabled() {
        throw new IllegalStateException("Versioned store " + name() + " does not support caching");
    }

    @Override
    public VersionedKeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> inner = supplier.get();
        if (!(inner instanceof VersionedBytesStore versioned)) {
            throw new IllegalStateException("The supplier of versioned store " + name() + " returned a "
                + inner.getClass().getName() + ", which keeps no versions;"
                + " use Stores.persistentVersionedKeyValueStore");
        }
        VersionedBytesStore store = loggingEnabled() ? new ChangeLoggingVersionedBytesStore(versioned) : versioned;
        return new MeteredVersionedKeyValueStore<>(store, keySerde(), valueSerde(), supplier.metricsScope());
    }

    /** Returns the store's history retention in ms. */
    public long historyRetentionMs() {
        return supplier.historyRetentionMs();
    }

    /**
     * Returns the changelog topic configs of a versioned store, as Kafka Streams creates them: the user's configs over
     * {@code cleanup.policy=compact} and {@code min.compaction.lag.ms} = the history retention plus one day
     * ({@link WindowStoreBuilder#DEFAULT_ADDITIONAL_RETENTION_MS}), so that compaction keeps the older versions a
     * restore needs to rebuild the history.
     */
    public static Map<String, String> changelogTopicConfig(Map<String, String> userConfig, long historyRetentionMs) {
        Map<String, String> config = new HashMap<>();
        config.put("cleanup.policy", "compact");
        long lagMs = historyRetentionMs + WindowStoreBuilder.DEFAULT_ADDITIONAL_RETENTION_MS;
        config.put("min.compaction.lag.ms", Long.toString(lagMs < historyRetentionMs ? Long.MAX_VALUE : lagMs));
        config.putAll(userConfig);
        return config;
    }
}
