package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.SessionStore;

/** A cogrouped aggregation windowed by sessions. */
public interface SessionWindowedCogroupedKStream<K, V> {
    /** Aggregates per key and session; {@code sessionMerger} combines aggregates when sessions merge. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    /** As {@link #aggregate(Initializer, Merger)}, naming the processors. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    /** As {@link #aggregate(Initializer, Merger)}, into the given store. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
        Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Merger)}, naming the processors, into the given store. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
        Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
