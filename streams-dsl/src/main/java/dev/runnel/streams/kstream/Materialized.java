package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.StoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an operation's result table is stored: the store name (which makes it queryable), or a store supplier, the
 * serdes, the changelog and cache settings and, for windowed stores, the retention. Immutable: each {@code withX}
 * returns a new instance.
 *
 * <pre>{@code
 * stream.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
 *     .withValueSerde(Serdes.Long()));
 * }</pre>
 *
 * @param <S> the store type, such as {@code KeyValueStore<Bytes, byte[]>}
 */
public class Materialized<K, V, S extends StateStore> {
    /** The store name, or {@code null}. */
    protected final String storeName;
    /** The store supplier, or {@code null}. */
    protected final StoreSupplier<S> storeSupplier;
    /** The key serde, or {@code null} for the default. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null} for the default. */
    protected final Serde<V> valueSerde;
    /** Whether the changelog is on. */
    protected final boolean loggingEnabled;
    /** The changelog topic configs. */
    protected final Map<String, String> topicConfig;
    /** Whether the record cache is on. */
    protected final boolean cachingEnabled;
    /** The retention, or {@code null} for the default (window size + grace). */
    protected final Duration retention;
    /** The suppliers the store comes from if there is no store supplier, or {@code null} for the topology's. */
    protected final DslStoreSuppliers dslStoreSuppliers;

    /**
     * The built-in store types (KIP-591), named after Kafka Streams' RocksDB and in-memory stores; both are Runnel's
     * in-memory stores (see {@link BuiltInDslStoreSuppliers}).
     */
    public enum StoreType implements DslStoreSuppliers {
        /** {@link BuiltInDslStoreSuppliers#ROCKS_DB}. */
        ROCKS_DB(BuiltInDslStoreSuppliers.ROCKS_DB),
        /** {@link BuiltInDslStoreSuppliers#IN_MEMORY}. */
        IN_MEMORY(BuiltInDslStoreSuppliers.IN_MEMORY);

        private final DslStoreSuppliers delegate;

        StoreType(DslStoreSuppliers delegate) {
            this.delegate = delegate;
        }

        @Override
        public void configure(Map<String, ?> configs) {
            delegate.configure(configs);
        }

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return delegate.keyValueStore(params);
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return delegate.windowStore(params);
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return delegate.sessionStore(params);
        }
    }

    /** Copies {@code materialized}. */
    protected Materialized(Materialized<K, V, S> materialized) {
        this(materialized.storeName, materialized.storeSupplier, materialized.keySerde, materialized.valueSerde,
            materialized.loggingEnabled, materialized.topicConfig, materialized.cachingEnabled, materialized.retention,
            materialized.dslStoreSuppliers);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private Materialized(String storeName, StoreSupplier<S> storeSupplier, Serde<K> keySerde, Serde<V> valueSerde,
        boolean loggingEnabled, Map<String, String> topicConfig, boolean cachingEnabled, Duration retention,
        DslStoreSuppliers dslStoreSuppliers) {
        this.storeName = storeName;
        this.storeSupplier = storeSupplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
        this.cachingEnabled = cachingEnabled;
        this.retention = retention;
        this.dslStoreSuppliers = dslStoreSuppliers;
    }

    private static <K, V, S extends StateStore> Materialized<K, V, S> create(String storeName,
        StoreSupplier<S> supplier) {
        return new Materialized<>(storeName, supplier, null, null, true, Map.of(), true, null, null);
    }

    /**
     * Returns options that store the result in a store named {@code storeName}, which makes it queryable.
     *
     * @throws dev.runnel.streams.errors.TopologyException if the name is not a valid topic-name fragment
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        Named.as(Objects.requireNonNull(storeName, "storeName can't be null"));
        return create(storeName, null);
    }

    /** Returns options that store a windowed result in stores from {@code supplier}. */
    public static <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> as(WindowBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier can't be null");
        return create(supplier.name(), supplier);
    }

    /** Returns options that store a session result in stores from {@code supplier}. */
    public static <K, V> Materialized<K, V, SessionStore<Bytes, byte[]>> as(SessionBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier can't be null");
        return create(supplier.name(), supplier);
    }

    /** Returns options that store the result in key-value stores from {@code supplier}. */
    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> as(KeyValueBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier can't be null");
        return create(supplier.name(), supplier);
    }

    /**
     * Returns options that store the result in stores from {@code storeSuppliers}, such as {@link StoreType#IN_MEMORY},
     * under a generated, internal store name.
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(DslStoreSuppliers storeSuppliers) {
        Objects.requireNonNull(storeSuppliers, "store type can't be null");
        return new Materialized<>(null, null, null, null, true, Map.of(), true, null, storeSuppliers);
    }

    /** Returns options with the given serdes ({@code null} = default) and a generated, internal store name. */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<>(null, null, keySerde, valueSerde, true, Map.of(), true, null, null);
    }

    /** Returns a copy with the given value serde. */
    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, topicConfig,
            cachingEnabled, retention, dslStoreSuppliers);
    }

    /** Returns a copy with the given key serde. */
    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, topicConfig,
            cachingEnabled, retention, dslStoreSuppliers);
    }

    /** Returns a copy with the changelog on, created with the given topic configs. */
    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, true,
            Objects.requireNonNull(config, "config"), cachingEnabled, retention, dslStoreSuppliers);
    }

    /** Returns a copy with the changelog off: the store starts empty after a restart. */
    public Materialized<K, V, S> withLoggingDisabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, false, Map.of(), cachingEnabled,
            retention, dslStoreSuppliers);
    }

    /** Returns a copy with the record cache on (the default). */
    public Materialized<K, V, S> withCachingEnabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, topicConfig, true,
            retention, dslStoreSuppliers);
    }

    /** Returns a copy with the record cache off: every update is forwarded. */
    public Materialized<K, V, S> withCachingDisabled() {
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, topicConfig, false,
            retention, dslStoreSuppliers);
    }

    /**
     * Returns a copy whose windowed store keeps windows for {@code retention} after their start; it must be at least
     * window size + grace. Ignored by key-value stores.
     *
     * @throws IllegalArgumentException if {@code retention} is negative
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        if (Millis.of(retention, "retention") < 0) {
            throw new IllegalArgumentException("Retention must not be negative.");
        }
        return new Materialized<>(storeName, storeSupplier, keySerde, valueSerde, loggingEnabled, topicConfig,
            cachingEnabled, retention, dslStoreSuppliers);
    }

    /**
     * Returns a copy whose store comes from {@code storeSuppliers}, such as {@link StoreType#IN_MEMORY}, instead of
     * the topology's {@code dsl.store.suppliers.class} or {@code default.dsl.store}.
     *
     * @throws IllegalArgumentException if these options already have a store supplier
     */
    public Materialized<K, V, S> withStoreType(DslStoreSuppliers storeSuppliers) {
        Objects.requireNonNull(storeSuppliers, "store type can't be null");
        if (storeSupplier != null) {
            throw new IllegalArgumentException("Cannot set store type when store supplier is pre-configured.");
        }
        return new Materialized<>(storeName, null, keySerde, valueSerde, loggingEnabled, topicConfig, cachingEnabled,
            retention, storeSuppliers);
    }
}
