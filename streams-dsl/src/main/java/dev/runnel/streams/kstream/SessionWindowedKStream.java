package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.SessionStore;

/**
 * A grouped stream windowed by sessions. When a record merges sessions, the result table deletes the old sessions
 * (null values for their windowed keys) and adds the merged one. A record whose merged session has closed (end +
 * grace before stream time) is dropped and counted.
 */
public interface SessionWindowedKStream<K, V> {
    /** Sets when the aggregations of this stream emit: on each session update (the default) or when sessions close. */
    SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);

    /** Counts the records per key and session. */
    KTable<Windowed<K>, Long> count();

    /** As {@link #count()}, naming the processor. */
    KTable<Windowed<K>, Long> count(Named named);

    /** As {@link #count()}, into the given store. */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #count()}, naming the processor, into the given store. */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /** Aggregates per key and session; {@code sessionMerger} combines two sessions' aggregates when they merge. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, naming the processor. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, into the given store. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, naming the processor, into the given store. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /** Combines the values per key and session with {@code reducer} (which also merges sessions). */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** As {@link #reduce(Reducer)}, naming the processor. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /** As {@link #reduce(Reducer)}, into the given store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer)}, naming the processor, into the given store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
