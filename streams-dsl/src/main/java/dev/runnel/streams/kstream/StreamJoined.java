package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.state.DslStoreSuppliers;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a stream-stream join: serdes of the key and both values (for the join's window stores and any
 * repartition topics), the base name of the processors, the base name of the stores
 * ({@code <storeName>-this-join-store}, {@code <storeName>-other-join-store}), their changelog settings and the
 * {@link DslStoreSuppliers} they come from.
 * Immutable: every {@code withX} returns a new instance.
 */
public class StreamJoined<K, V1, V2> {
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** This stream's value serde, or {@code null}. */
    protected final Serde<V1> valueSerde;
    /** The other stream's value serde, or {@code null}. */
    protected final Serde<V2> otherValueSerde;
    /** The base processor name, or {@code null}. */
    protected final String name;
    /** The base store name, or {@code null}. */
    protected final String storeName;
    /** Whether the stores log their changes. */
    protected final boolean loggingEnabled;
    /** The changelog topic configs. */
    protected final Map<String, String> topicConfig;
    /** The suppliers of both window stores, or {@code null} for the topology's. */
    protected final DslStoreSuppliers dslStoreSuppliers;

    /** Creates an option object. */
    protected StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde, String name,
        String storeName, boolean loggingEnabled, Map<String, String> topicConfig,
        DslStoreSuppliers dslStoreSuppliers) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
        this.storeName = storeName;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
        this.dslStoreSuppliers = dslStoreSuppliers;
    }

    /** Creates a copy of {@code streamJoined}. */
    protected StreamJoined(StreamJoined<K, V1, V2> streamJoined) {
        this(streamJoined.keySerde, streamJoined.valueSerde, streamJoined.otherValueSerde, streamJoined.name,
            streamJoined.storeName, streamJoined.loggingEnabled, streamJoined.topicConfig,
            streamJoined.dslStoreSuppliers);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
        Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, true, Map.of(), null);
    }

    /** Returns an instance with the given base store name. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, storeName, true, Map.of(), null);
    }

    /** Returns an instance whose window stores come from {@code storeSuppliers}, e.g. {@code StoreType.IN_MEMORY}. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(DslStoreSuppliers storeSuppliers) {
        return new StreamJoined<>(null, null, null, null, null, true, Map.of(),
            Objects.requireNonNull(storeSuppliers, "storeSuppliers"));
    }

    /**
     * Returns a copy whose window stores come from {@code storeSuppliers} instead of the topology's
     * {@code dsl.store.suppliers.class} or {@code default.dsl.store}.
     */
    public StreamJoined<K, V1, V2> withDslStoreSuppliers(DslStoreSuppliers storeSuppliers) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled, topicConfig,
            Objects.requireNonNull(storeSuppliers, "storeSuppliers"));
    }

    /** Returns a copy with the given base processor name. */
    public StreamJoined<K, V1, V2> withName(String name) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled,
            topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given base store name. */
    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled,
            topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given key serde. */
    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled,
            topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given value serde of this stream. */
    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled,
            topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given value serde of the other stream. */
    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, loggingEnabled,
            topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy whose stores log changes to changelog topics created with {@code config}. */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, true,
            Objects.requireNonNull(config, "config"), dslStoreSuppliers);
    }

    /** Returns a copy whose stores keep no changelog. */
    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, false, Map.of(),
            dslStoreSuppliers);
    }
}
