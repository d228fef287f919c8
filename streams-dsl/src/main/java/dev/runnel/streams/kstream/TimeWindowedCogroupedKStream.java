package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.WindowStore;

/** A cogrouped aggregation windowed by fixed-size time windows. */
public interface TimeWindowedCogroupedKStream<K, V> {
    /** Aggregates per key and window, starting each window from {@code initializer}. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    /** As {@link #aggregate(Initializer)}, naming the processors. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    /** As {@link #aggregate(Initializer)}, into the given store. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer,
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer)}, naming the processors, into the given store. */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
