package dev.runnel.streams.kstream;

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
}
