package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.internal.state.DslStoreChoice;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.StoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.util.Map;

/**
 * Read access to a {@link Materialized}, with the store name resolved: the user's, the supplier's, or a generated
 * internal one ({@code <prefix>STATE-STORE-<index>}, generated when this object is created, as Kafka Streams does, so
 * node numbering matches Kafka's).
 */
public final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
    private final String resolvedStoreName;
    private final boolean queryable;
    private final DslStoreChoice dslStoreChoice;

    /** Reads {@code materialized} ({@code null} = defaults), generating a store name with {@code prefix} if needed. */
    @SuppressWarnings("unchecked")
    public MaterializedInternal(Materialized<K, V, S> materialized, InternalStreamsBuilder builder, String prefix) {
        super(materialized == null ? (Materialized<K, V, S>) Materialized.with(null, null) : materialized);
        this.queryable = storeName != null;
        this.resolvedStoreName = storeName != null ? storeName : builder.newStoreName(prefix);
        this.dslStoreChoice = builder.topologyBuilder().dslStoreChoice();
    }

    /** Returns the store name. */
    public String storeName() {
        return resolvedStoreName;
    }

    /** Returns the store name if the user gave one (so the table is queryable), else {@code null}. */
    public String queryableStoreName() {
        return queryable ? resolvedStoreName : null;
    }

    /** Returns the store supplier, or {@code null}. */
    public StoreSupplier<S> storeSupplier() {
        return storeSupplier;
    }

    /**
     * Returns the key-value store supplier: the Materialized one if it is one, else one from the DSL store suppliers
     * (the Materialized ones, else the topology's), asked for a timestamped store.
     */
    public KeyValueBytesStoreSupplier keyValueStoreSupplier() {
        return storeSupplier instanceof KeyValueBytesStoreSupplier given
            ? given
            : dslStoreChoice.keyValueStore(dslStoreSuppliers, new DslKeyValueParams(resolvedStoreName,
                DslStoreFormat.TIMESTAMPED));
    }

    /** Returns the window store supplier: the Materialized one if it is one, else one for {@code params}. */
    public WindowBytesStoreSupplier windowStoreSupplier(DslWindowParams params) {
        return storeSupplier instanceof WindowBytesStoreSupplier given
            ? given
            : dslStoreChoice.windowStore(dslStoreSuppliers, params);
    }

    /** Returns the session store supplier: the Materialized one if it is one, else one for {@code params}. */
    public SessionBytesStoreSupplier sessionStoreSupplier(DslSessionParams params) {
        return storeSupplier instanceof SessionBytesStoreSupplier given
            ? given
            : dslStoreChoice.sessionStore(dslStoreSuppliers, params);
    }

    /** Returns the key serde, or {@code null}. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the value serde, or {@code null}. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Returns the retention, or {@code null}. */
    public Duration retention() {
        return retention;
    }

    /** Applies the logging and caching settings to {@code storeBuilder} and returns it. */
    public <T extends StateStore> StoreBuilder<T> configure(StoreBuilder<T> storeBuilder) {
        if (loggingEnabled) {
            storeBuilder.withLoggingEnabled(Map.copyOf(topicConfig));
        } else {
            storeBuilder.withLoggingDisabled();
        }
        if (cachingEnabled) {
            storeBuilder.withCachingEnabled();
        } else {
            storeBuilder.withCachingDisabled();
        }
        return storeBuilder;
    }
}
