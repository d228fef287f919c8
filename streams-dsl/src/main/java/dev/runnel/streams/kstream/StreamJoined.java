package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a stream-stream join: serdes of the key and both values (for the join's window stores and any
 * repartition topics), the base name of the processors, the base name of the stores
 * ({@code <storeName>-this-join-store}, {@code <storeName>-other-join-store}), their changelog settings, and where
 * the stores come from: a {@link WindowBytesStoreSupplier} per side, else the {@link DslStoreSuppliers}.
 * A side's supplier names its store (the base store name then only names the other side's store and the outer-join
 * buffer) and must retain duplicates, with the join's window size and a retention of window size plus grace; two
 * suppliers must have different names. The join fails with a {@code StreamsException} otherwise.
 * Immutable: every {@code withX} returns a new instance.
 */
public class StreamJoined<K, V1, V2> implements NamedOperation<StreamJoined<K, V1, V2>> {
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** This stream's value serde, or {@code null}. */
    protected final Serde<V1> valueSerde;
    /** The other stream's value serde, or {@code null}. */
    protected final Serde<V2> otherValueSerde;
    /** The supplier of this stream's window store, or {@code null}. */
    protected final WindowBytesStoreSupplier thisStoreSupplier;
    /** The supplier of the other stream's window store, or {@code null}. */
    protected final WindowBytesStoreSupplier otherStoreSupplier;
    /** The base processor name, or {@code null}. */
    protected final String name;
    /** The base store name, or {@code null}. */
    protected final String storeName;
    /** Whether the stores log their changes. */
    protected final boolean loggingEnabled;
    /** The changelog topic configs. */
    protected final Map<String, String> topicConfig;
    /** The suppliers of the window stores not given as a {@link WindowBytesStoreSupplier}, or {@code null}. */
    protected final DslStoreSuppliers dslStoreSuppliers;

    private StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde,
        WindowBytesStoreSupplier thisStoreSupplier, WindowBytesStoreSupplier otherStoreSupplier, String name,
        String storeName, boolean loggingEnabled, Map<String, String> topicConfig,
        DslStoreSuppliers dslStoreSuppliers) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.name = name;
        this.storeName = storeName;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
        this.dslStoreSuppliers = dslStoreSuppliers;
    }

    /** Creates a copy of {@code streamJoined}. */
    protected StreamJoined(StreamJoined<K, V1, V2> streamJoined) {
        this(streamJoined.keySerde, streamJoined.valueSerde, streamJoined.otherValueSerde,
            streamJoined.thisStoreSupplier, streamJoined.otherStoreSupplier, streamJoined.name,
            streamJoined.storeName, streamJoined.loggingEnabled, streamJoined.topicConfig,
            streamJoined.dslStoreSuppliers);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
        Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true, Map.of(),
            null);
    }

    /**
     * Returns an instance whose window stores come from {@code storeSupplier} (this stream's) and
     * {@code otherStoreSupplier}; they must have different names.
     */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier storeSupplier,
        WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(null, null, null, storeSupplier, otherStoreSupplier, null, null, true, Map.of(),
            null);
    }

    /** Returns an instance with the given base store name. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, null, null, storeName, true, Map.of(), null);
    }

    /** Returns an instance whose window stores come from {@code storeSuppliers}, e.g. {@code StoreType.IN_MEMORY}. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(DslStoreSuppliers storeSuppliers) {
        return new StreamJoined<>(null, null, null, null, null, null, null, true, Map.of(),
            Objects.requireNonNull(storeSuppliers, "storeSuppliers"));
    }

    /**
     * Returns a copy whose window stores not given as a {@link WindowBytesStoreSupplier} come from
     * {@code storeSuppliers} instead of the topology's {@code dsl.store.suppliers.class} or {@code default.dsl.store}.
     */
    public StreamJoined<K, V1, V2> withDslStoreSuppliers(DslStoreSuppliers storeSuppliers) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, Objects.requireNonNull(storeSuppliers, "storeSuppliers"));
    }

    /** Returns a copy whose window store of this stream comes from {@code thisStoreSupplier}. */
    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier thisStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy whose window store of the other stream comes from {@code otherStoreSupplier}. */
    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given base processor name. */
    @Override
    public StreamJoined<K, V1, V2> withName(String name) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given base store name. */
    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given key serde. */
    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given value serde of this stream. */
    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy with the given value serde of the other stream. */
    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig, dslStoreSuppliers);
    }

    /** Returns a copy whose stores log changes to changelog topics created with {@code config}. */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, true, Objects.requireNonNull(config, "config"), dslStoreSuppliers);
    }

    /** Returns a copy whose stores keep no changelog. */
    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, false, Map.of(), dslStoreSuppliers);
    }

    @Override
    public String toString() {
        return "StreamJoined{keySerde=" + keySerde + ", valueSerde=" + valueSerde + ", otherValueSerde="
            + otherValueSerde + ", thisStoreSupplier=" + thisStoreSupplier + ", otherStoreSupplier="
            + otherStoreSupplier + ", name='" + name + "', storeName='" + storeName + "', dslStoreSuppliers="
            + dslStoreSuppliers + ", loggingEnabled=" + loggingEnabled + ", topicConfig=" + topicConfig + "}";
    }
}
