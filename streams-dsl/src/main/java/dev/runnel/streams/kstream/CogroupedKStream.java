package dev.runnel.streams.kstream;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;

/**
 * Several grouped streams aggregating into one table, each with its own aggregator, through one shared store.
 *
 * <pre>{@code
 * KTable<String, Long> total = clicks.groupByKey().<Long>cogroup((k, v, agg) -> agg + 1)
 *     .cogroup(purchases.groupByKey(), (k, v, agg) -> agg + 10)
 *     .aggregate(() -> 0L);
 * }</pre>
 */
public interface CogroupedKStream<K, VOut> {
    /** Adds {@code groupedStream}, aggregated with {@code aggregator}. */
    <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
        Aggregator<? super K, ? super VIn, VOut> aggregator);

    /** Aggregates all the cogrouped streams per key, starting from {@code initializer}. */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer);

    /** As {@link #aggregate(Initializer)}, naming the processors. */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named);

    /** As {@link #aggregate(Initializer)}, into the given store. */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer,
        Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer)}, naming the processors, into the given store. */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
        Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /** Windows the cogrouped aggregation by fixed-size time windows. */
    <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows);

    /**
     * Windows the cogrouped aggregation by sliding windows: one window per distinct set of records whose timestamps
     * lie at most the time difference apart, as {@link KGroupedStream#windowedBy(SlidingWindows)}.
     */
    TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows);

    /** Windows the cogrouped aggregation by session windows. */
    SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows);
}
