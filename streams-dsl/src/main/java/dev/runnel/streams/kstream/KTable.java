package dev.runnel.streams.kstream;

import dev.runnel.streams.KeyValue;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A changelog stream seen as a table: the latest value per key. Operations return new tables whose updates carry the
 * old value too, so downstream aggregations can subtract it; a {@code null} value is a delete (tombstone).
 *
 * <pre>{@code
 * KTable<String, Long> big = orders.filter((id, amount) -> amount > 100);
 * KTable<String, String> enriched = big.join(customers, (amount, name) -> name + ":" + amount);
 * }</pre>
 *
 * <p>Operations without a {@link Materialized} are not materialized: their values are computed from the parent's
 * when a join needs them. A {@code Materialized} with a store name makes the result queryable.
 */
public interface KTable<K, V> {
    /** Returns the stream of the table's updates: one record per change, with the new value (null for a delete). */
    KStream<K, V> toStream();

    /** Returns the stream of updates, naming the processor. */
    KStream<K, V> toStream(Named named);

    /** Returns the stream of updates keyed by what {@code mapper} picks: {@code toStream().selectKey(mapper)}. */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /** As {@link #toStream(KeyValueMapper)}, naming the processor that turns the table into a stream. */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /** Returns the name of the store to query, or {@code null} if the table is not queryable. */
    String queryableStoreName();

    /** Re-groups the rows by a new key and value computed from each row; aggregations repartition by it. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

    /** As {@link #groupBy(KeyValueMapper)}, with the given serdes and repartition name. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
        Grouped<KR, VR> grouped);

    /** Holds back updates as {@code suppressed} says, such as until each window closes (final results). */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    /**
     * Returns the table of the values that pass {@code predicate}. An update whose value does not pass becomes a
     * tombstone, so a key whose value stops passing is deleted downstream.
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** Like {@link #filter(Predicate)}, naming the processor. */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** Like {@link #filter(Predicate)}, materializing the result. */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #filter(Predicate)}, naming the processor and materializing the result. */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Returns the table of the values that fail {@code predicate}; others become tombstones. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** Like {@link #filterNot(Predicate)}, naming the processor. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** Like {@link #filterNot(Predicate)}, materializing the result. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #filterNot(Predicate)}, naming the processor and materializing the result. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Returns the table of mapped values; tombstones stay tombstones without calling {@code mapper}. */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** Like {@link #mapValues(ValueMapper)}, naming the processor. */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /** Like {@link #mapValues(ValueMapper)}, with the key. */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /** Like {@link #mapValues(ValueMapper)}, with the key, naming the processor. */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /** Like {@link #mapValues(ValueMapper)}, materializing the result. */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #mapValues(ValueMapper)}, naming the processor and materializing the result. */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #mapValues(ValueMapper)}, with the key, materializing the result. */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #mapValues(ValueMapper)}, with the key, naming the processor and materializing the result. */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Returns the table of the values a {@link ValueTransformerWithKey} computes from each update: like
     * {@link #mapValues(ValueMapperWithKey)}, but the transformer may keep state in the stores named by
     * {@code stateStoreNames} (or provided by the supplier's {@code stores()}), schedule punctuations, and read the
     * record context. The transformer also sees deletes (a {@code null} value) and decides their result.
     *
     * <pre>{@code
     * builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("versions"),
     *     Serdes.String(), Serdes.Long()));
     * KTable<String, String> versioned = profiles.transformValues(Versioned::new, "versions");
     * }</pre>
     *
     * <p>If a child reads old values (an aggregation, a join), an update's old value goes through the transformer
     * too, so a stateful transformer sees it; materializing the result avoids this, as the old value then comes from
     * the result's store. A join against an unmaterialized result transforms the parent's current value on each
     * lookup, with its own transformer instance.
     *
     * @throws dev.runnel.streams.errors.TopologyException if a named store has not been added
     */
    <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        String... stateStoreNames);

    /** Like {@link #transformValues(ValueTransformerWithKeySupplier, String...)}, naming the processor. */
    <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
        String... stateStoreNames);

    /**
     * Like {@link #transformValues(ValueTransformerWithKeySupplier, String...)}, keeping the result in the store
     * {@code materialized} describes (queryable if named).
     */
    <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String... stateStoreNames);

    /**
     * Like {@link #transformValues(ValueTransformerWithKeySupplier, String...)}, materializing the result and naming
     * the processor.
     */
    <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, Named named, String... stateStoreNames);

    /**
     * Returns the inner join with {@code other} on the key: a key has a result while both tables have a value for it.
     * An update on either side updates the result; a delete on either side deletes it (a tombstone is forwarded only
     * if there was a result). The tables must be co-partitioned (checked at start).
     */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #join(KTable, ValueJoiner)}, naming the processors. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named);

    /** Like {@link #join(KTable, ValueJoiner)}, materializing the result. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #join(KTable, ValueJoiner)}, naming the processors and materializing the result. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Returns the left join with {@code other}: a key has a result while this table has a value; the joiner gets
     * {@code null} while {@code other} has none.
     */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, naming the processors. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, materializing the result. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, naming the processors and materializing the result. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Returns the outer join with {@code other}: a key has a result while either table has a value; the joiner gets
     * {@code null} for the side without one.
     */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #outerJoin(KTable, ValueJoiner)}, naming the processors. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named);

    /** Like {@link #outerJoin(KTable, ValueJoiner)}, materializing the result. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #outerJoin(KTable, ValueJoiner)}, naming the processors and materializing the result. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Returns the foreign-key inner join with {@code other}: each value of this table joins the value of
     * {@code other} under the key {@code foreignKeyExtractor} returns for it. The result is keyed like this table
     * and is updated when either side changes, including a change of foreign key; deletes on either side delete
     * the result. The tables need not be co-partitioned: the join uses two internal topics,
     * {@code <application.id>-<name>-subscription-registration-topic} and
     * {@code <application.id>-<name>-subscription-response-topic}.
     */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #join(KTable, Function, ValueJoiner)}, with partitioners and a base name. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined);

    /** Like {@link #join(KTable, Function, ValueJoiner)}, materializing the result. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #join(KTable, Function, ValueJoiner)}, with partitioners and a base name, materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Like {@link #join(KTable, Function, ValueJoiner)}, with a foreign-key extractor that also sees this table's
     * key, so that a foreign key derived from key and value needs no copy of the key in the value (KIP-1104).
     */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #join(KTable, BiFunction, ValueJoiner)}, with partitioners and a base name. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined);

    /** Like {@link #join(KTable, BiFunction, ValueJoiner)}, materializing the result. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #join(KTable, BiFunction, ValueJoiner)}, with partitioners and a base name, materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Returns the foreign-key left join with {@code other}: like {@link #join(KTable, Function, ValueJoiner)}, but
     * every value of this table has a result; the joiner gets {@code null} while the foreign key (or its value) is
     * missing.
     */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #leftJoin(KTable, Function, ValueJoiner)}, with partitioners and a base name. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined);

    /** Like {@link #leftJoin(KTable, Function, ValueJoiner)}, materializing the result. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #leftJoin(KTable, Function, ValueJoiner)}, with partitioners and a base name, materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Like {@link #leftJoin(KTable, Function, ValueJoiner)}, with a foreign-key extractor that also sees this table's
     * key, so that a foreign key derived from key and value needs no copy of the key in the value (KIP-1104).
     */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Like {@link #leftJoin(KTable, BiFunction, ValueJoiner)}, with partitioners and a base name. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined);

    /** Like {@link #leftJoin(KTable, BiFunction, ValueJoiner)}, materializing the result. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #leftJoin(KTable, BiFunction, ValueJoiner)}, with partitioners and a base name, materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
