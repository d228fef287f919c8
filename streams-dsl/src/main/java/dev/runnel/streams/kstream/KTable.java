package dev.runnel.streams.kstream;

import dev.runnel.streams.KeyValue;

/**
 * A changelog stream seen as a table: the latest value per key. This foundation provides the source table and
 * {@link #toStream()}; table operations (filter, mapValues, joins, groupBy) come with the stateful DSL.
 */
public interface KTable<K, V> {
    /** Returns the stream of the table's updates: one record per change, with the new value (null for a delete). */
    KStream<K, V> toStream();

    /** Returns the stream of updates, naming the processor. */
    KStream<K, V> toStream(Named named);

    /** Returns the name of the store to query, or {@code null} if the table is not queryable. */
    String queryableStoreName();

    /** Re-groups the rows by a new key and value computed from each row; aggregations repartition by it. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

    /** As {@link #groupBy(KeyValueMapper)}, with the given serdes and repartition name. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
        Grouped<KR, VR> grouped);

    /** Holds back updates as {@code suppressed} says, such as until each window closes (final results). */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);
}
