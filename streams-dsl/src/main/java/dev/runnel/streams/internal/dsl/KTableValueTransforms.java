package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.ValueMapper;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.kstream.ValueTransformerWithKeySupplier;
import dev.runnel.streams.state.KeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * Wires the table operations that compute each new value from the old one (filter, mapValues, transformValues): one
 * node, materialized if asked, else read through a getter that applies the operation to the parent's values. A
 * materialized result reads its old values from its store, so it never needs its parent materialized (KAFKA-10494).
 */
final class KTableValueTransforms {
    private KTableValueTransforms() {
    }

    /** Filters {@code table} (keeps the rows {@code predicate} rejects if {@code filterNot}). */
    static <K, V> KTable<K, V> filter(KTableImpl<K, V> table, Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized, boolean filterNot) {
        Objects.requireNonNull(predicate, "predicate can't be null");
        return apply(table, KTableOperators.filter(predicate, filterNot), true, named, materialized,
            KTableImpl.FILTER_NAME, table.valueSerde());
    }

    /** Maps {@code table}'s values; {@code named} and {@code materialized} may be null. */
    static <K, V, VR> KTable<K, VR> mapValues(KTableImpl<K, V> table,
        ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return apply(table, KTableOperators.mapValues(mapper), false, named, materialized, KTableImpl.MAPVALUES_NAME,
            null);
    }

    /** Returns {@code mapper} as a key-and-value mapper, failing at once (not when called) if it is null. */
    static <K, V, VR> ValueMapperWithKey<K, V, VR> withoutKey(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return (key, value) -> mapper.apply(value);
    }

    /**
     * Applies {@code function} (a filter if {@code filter}, else mapValues) to {@code table}; {@code resultSerde} is
     * the value serde when the result keeps the table's values (null if unknown).
     */
    private static <K, V, VR> KTable<K, VR> apply(KTableImpl<K, V> table,
        KTableOperators.ValueFunction<K, V, VR> function, boolean filter, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String prefix, Serde<VR> resultSerde) {
        InternalStreamsBuilder builder = table.builder();
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder, prefix);
        String operatorName = builder.name(named, prefix);
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = storedIfNamed(options);
        String storeName = store == null ? null : store.storeName();
        builder.topologyBuilder().addProcessor(operatorName,
            new KTableOperators.KTableMapValues<>(function, storeName, filter, table::sendsOldValues), table.name());
        Serde<VR> outValueSerde = options != null && options.valueSerde() != null ? options.valueSerde() : resultSerde;
        Serde<K> outKeySerde = options != null && options.keySerde() != null ? options.keySerde() : table.keySerde();
        if (store == null) {
            KTableValueGetterSupplier<K, V> parentGetter = table.valueGetterSupplierOrNull();
            return new KTableImpl<>(builder, operatorName, outKeySerde, outValueSerde, null,
                parentGetter == null ? null : KTableOperators.transformingGetter(parentGetter, function),
                table.sourceStore()).windowedLike(table);
        }
        builder.topologyBuilder().addStateStore(
            TimestampedKeyValueStoreMaterializer.builder(store, table.keySerde(), resultSerde), operatorName);
        return new KTableImpl<>(builder, operatorName, outKeySerde, outValueSerde, store.queryableStoreName(),
            KTableValueGetterSupplier.<K, VR>ofStore(storeName)).windowedLike(table);
    }

    /**
     * Returns {@code options} if they name the store, else {@code null}: as in Kafka Streams, these operators keep
     * their result in a store only under the user's name (a queryable one); with serdes alone they compute it from
     * their parent's, with no store and no changelog.
     */
    private static <K, VR> MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> storedIfNamed(
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options) {
        return options != null && options.queryableStoreName() != null ? options : null;
    }

    /**
     * Transforms {@code table}'s values with a user transformer that may read {@code stateStoreNames};
     * {@code named} and {@code materialized} may be null.
     */
    static <K, V, VR> KTable<K, VR> transform(KTableImpl<K, V> table,
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String... stateStoreNames) {
        Objects.requireNonNull(transformerSupplier, "transformerSupplier");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames");
        if (transformerSupplier.get() == transformerSupplier.get()) {
            throw new IllegalArgumentException("ValueTransformerWithKeySupplier#get() must return a new object each"
                + " time it is called; it returned the same " + transformerSupplier.get().getClass().getName()
                + " twice.");
        }
        InternalStreamsBuilder builder = table.builder();
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder);
        String operatorName = builder.name(named, KTableImpl.TRANSFORMVALUES_NAME);
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = storedIfNamed(options);
        String storeName = store == null ? null : store.storeName();
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addProcessor(operatorName, new KTableTransformValues<K, V, VR>(transformerSupplier, storeName),
            table.name());
        topology.connectProcessorAndStateStores(operatorName, stateStoreNames);
        if (store == null) {
            KTableValueGetterSupplier<K, V> parentGetter = table.valueGetterSupplierOrNull();
            Serde<K> keySerde = options != null && options.keySerde() != null ? options.keySerde() : table.keySerde();
            return new KTableImpl<>(builder, operatorName, keySerde, options == null ? null : options.valueSerde(),
                null, parentGetter == null ? null
                : KTableTransformValues.transformingGetter(parentGetter, transformerSupplier,
                    List.of(stateStoreNames)), table.sourceStore()).windowedLike(table);
        }
        topology.addStateStore(TimestampedKeyValueStoreMaterializer.builder(store, table.keySerde(), null),
            operatorName);
        Serde<K> outKeySerde = store.keySerde() != null ? store.keySerde() : table.keySerde();
        return new KTableImpl<>(builder, operatorName, outKeySerde, store.valueSerde(), store.queryableStoreName(),
            KTableValueGetterSupplier.<K, VR>ofStore(storeName)).windowedLike(table);
    }
}
