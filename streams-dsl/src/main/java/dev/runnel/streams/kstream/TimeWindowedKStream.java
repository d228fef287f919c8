package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.WindowStore;

/**
 * A grouped stream windowed by time: each aggregation keeps one aggregate per key and window in a window store,
 * whose retention is window size + grace unless {@link Materialized#withRetention} says otherwise. A record whose
 * window has closed (window end + grace at or before stream time) is dropped and counted.
 */
public interface TimeWindowedKStream<K, V> {
    /** Sets when the aggregations of this stream emit: on each window update (the default) or when windows close. */
    TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);

    /** Counts the records per key and window. */
    KTable<Windowed<K>, Long> count();

    /** As {@link #count()}, naming the processor. */
    KTable<Windowed<K>, Long> count(Named named);

    /** As {@link #count()}, into the given store. */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #count()}, naming the processor, into the given store. */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /** Aggregates per key and window, starting each window from {@code initializer}. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator);

    /** As {@link #aggregate(Initializer, Aggregator)}, naming the processor. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named);

    /** As {@link #aggregate(Initializer, Aggregator)}, into the given store. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator)}, naming the processor, into the given store. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named,
        Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /** Combines the values per key and window with {@code reducer}. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** As {@link #reduce(Reducer)}, naming the processor. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /** As {@link #reduce(Reducer)}, into the given store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer)}, naming the processor, into the given store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
