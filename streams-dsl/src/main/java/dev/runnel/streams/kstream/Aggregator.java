package dev.runnel.streams.kstream;

/** Adds a record's value to an aggregate, returning the new aggregate. */
@FunctionalInterface
public interface Aggregator<K, V, VAgg> {
    /** Returns the aggregate after adding {@code value} of {@code key} to {@code aggregate}. */
    VAgg apply(K key, V value, VAgg aggregate);
}
