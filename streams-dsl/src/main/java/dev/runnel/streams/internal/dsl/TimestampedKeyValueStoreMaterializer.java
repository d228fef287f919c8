package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.internal.state.DslStoreBuilder;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.VersionedBytesStoreSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code Materialized} into the builder of a table operator's key-value store: timestamped, headers-aware
 * (KIP-1285, see {@link DslStoreBuilder}) or versioned.
 */
final class TimestampedKeyValueStoreMaterializer {
    private static final Logger LOG = LoggerFactory.getLogger(TimestampedKeyValueStoreMaterializer.class);

    private TimestampedKeyValueStoreMaterializer() {
    }

    /**
     * Returns the store builder; serdes missing from {@code materialized} come from the arguments (may be null).
     *
     * @throws TopologyException if {@code materialized} has a versioned store supplier: in Runnel only source tables
     *     ({@link #sourceTableBuilder}) may be versioned
     */
    static <K, V, S extends StateStore> StoreBuilder<?> builder(MaterializedInternal<K, V, S> materialized,
        Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = materialized.keyValueStoreSupplier();
        if (supplier instanceof VersionedBytesStoreSupplier) {
            throw new TopologyException("store " + materialized.storeName() + " is versioned, but"
                + " only tables read from a topic (StreamsBuilder#table, KStream#toTable) can be materialized in"
                + " versioned stores in Runnel; use Stores.persistentKeyValueStore here");
        }
        StoreBuilder<?> builder = DslStoreBuilder.timestampedKeyValue(supplier, keySerde(materialized, keySerde),
            valueSerde(materialized, valueSerde));
        configureLogging(materialized, builder);
        if (materialized.cachingEnabled()) {
            builder.withCachingEnabled();
        }
        return builder;
    }

    /**
     * Returns the store builder of a source table: a versioned store, never cached (as in Kafka Streams), if
     * {@code materialized} has a versioned supplier; otherwise as {@link #builder}.
     */
    static <K, V, S extends StateStore> StoreBuilder<?> sourceTableBuilder(MaterializedInternal<K, V, S> materialized,
        Serde<K> keySerde, Serde<V> valueSerde) {
        if (!(materialized.storeSupplier() instanceof VersionedBytesStoreSupplier supplier)) {
            return builder(materialized, keySerde, valueSerde);
        }
        StoreBuilder<?> builder = Stores.versionedKeyValueStoreBuilder(supplier, keySerde(materialized, keySerde),
            valueSerde(materialized, valueSerde));
        configureLogging(materialized, builder);
        if (materialized.cachingEnabled()) {
            LOG.info("Not caching store {}: versioned stores have no cache", materialized.storeName());
        }
        return builder;
    }

    private static <K, V, S extends StateStore> Serde<K> keySerde(MaterializedInternal<K, V, S> materialized,
        Serde<K> fallback) {
        return materialized.keySerde() != null ? materialized.keySerde() : fallback;
    }

    private static <K, V, S extends StateStore> Serde<V> valueSerde(MaterializedInternal<K, V, S> materialized,
        Serde<V> fallback) {
        return materialized.valueSerde() != null ? materialized.valueSerde() : fallback;
    }

    private static void configureLogging(MaterializedInternal<?, ?, ?> materialized, StoreBuilder<?> builder) {
        if (materialized.loggingEnabled()) {
            builder.withLoggingEnabled(materialized.logConfig());
        } else {
            builder.withLoggingDisabled();
        }
    }
}
