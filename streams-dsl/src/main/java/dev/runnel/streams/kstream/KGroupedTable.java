package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;

/**
 * A table re-grouped by a new key, ready to aggregate. Each update of the source table subtracts the row's old value
 * from its old group and adds the new value to its new group, so aggregations take an adder and a subtractor. The
 * re-grouped rows always go through a repartition topic.
 */
public interface KGroupedTable<K, V> {
    /** Counts the rows per group. */
    KTable<K, Long> count();

    /** As {@link #count()}, naming the processor. */
    KTable<K, Long> count(Named named);

    /** As {@link #count()}, into the given store. */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #count()}, naming the processor, into the given store. */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** Combines the rows per group: {@code adder} adds a new value, {@code subtractor} removes an old one. */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    /** As {@link #reduce(Reducer, Reducer)}, into the given store. */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer, Reducer)}, naming the processor, into the given store. */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Aggregates the rows per group, starting from {@code initializer}. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor);

    /** As {@link #aggregate(Initializer, Aggregator, Aggregator)}, naming the processor. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor, Named named);

    /** As {@link #aggregate(Initializer, Aggregator, Aggregator)}, into the given store. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator, Aggregator)}, naming the processor, into the given store. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
