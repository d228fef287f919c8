package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedKeyValueStore;

/** Turns a {@code Materialized} into the builder of a table operator's timestamped key-value store. */
final class TimestampedKeyValueStoreMaterializer {
    private TimestampedKeyValueStoreMaterializer() {
    }

    /** Returns the store builder; serdes missing from {@code materialized} come from the arguments (may be null). */
    static <K, V, S extends StateStore> StoreBuilder<TimestampedKeyValueStore<K, V>> builder(
        MaterializedInternal<K, V, S> materialized, Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = materialized.storeSupplier() != null
            ? materialized.storeSupplier()
            : Stores.inMemoryKeyValueStore(materialized.storeName());
        StoreBuilder<TimestampedKeyValueStore<K, V>> builder = Stores.timestampedKeyValueStoreBuilder(supplier,
            materialized.keySerde() != null ? materialized.keySerde() : keySerde,
            materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde);
        if (materialized.loggingEnabled()) {
            builder.withLoggingEnabled(materialized.logConfig());
        } else {
            builder.withLoggingDisabled();
        }
        if (materialized.cachingEnabled()) {
            builder.withCachingEnabled();
        }
        return builder;
    }
}
