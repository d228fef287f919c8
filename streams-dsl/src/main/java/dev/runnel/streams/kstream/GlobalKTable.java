package dev.runnel.streams.kstream;

/** A table fully replicated to every instance, filled from all partitions of its topic; used by joins. */
public interface GlobalKTable<K, V> {
    /** Returns the name of the store to query, or {@code null} if the table is not queryable. */
    String queryableStoreName();
}
