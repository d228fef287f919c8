package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;

/**
 * A stream grouped by key, ready to aggregate. If the grouping changed keys, the aggregation first writes the records
 * to a repartition topic ({@code <application.id>-<name>-repartition}) so each key is aggregated by one task.
 * Records with a null key or value are skipped and counted as dropped.
 */
public interface KGroupedStream<K, V> {
    /** Counts the records per key; the result table is not queryable. */
    KTable<K, Long> count();

    /** Counts the records per key, naming the processor. */
    KTable<K, Long> count(Named named);

    /** Counts the records per key into the given store. */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** Counts the records per key into the given store, naming the processor. */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** Combines the values per key with {@code reducer}; the first value is the initial aggregate. */
    KTable<K, V> reduce(Reducer<V> reducer);

    /** As {@link #reduce(Reducer)}, into the given store. */
    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer)}, naming the processor, into the given store. */
    KTable<K, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Aggregates the values per key, starting from {@code initializer}. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    /** As {@link #aggregate(Initializer, Aggregator)}, into the given store. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator)}, naming the processor, into the given store. */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Groups further by fixed-size (tumbling or hopping) time windows. */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    /** Groups further by sliding windows. */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /** Groups further by session windows. */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

    /** Starts a cogrouping: this stream and others added later aggregate into one table. */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);
}
