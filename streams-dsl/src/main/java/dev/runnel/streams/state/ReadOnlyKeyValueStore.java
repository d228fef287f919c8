package dev.runnel.streams.state;

import dev.runnel.common.serialization.Serializer;

/**
 * Reads of a key-value store. Ranges are ordered by the serialized key bytes, compared as unsigned bytes, not by the
 * key type's natural order.
 */
public interface ReadOnlyKeyValueStore<K, V> {
    /**
     * Returns the value of {@code key}, or {@code null} if absent.
     *
     * @throws NullPointerException if {@code key} is null
     */
    V get(K key);

    /**
     * Returns the entries from {@code from} to {@code to}, both inclusive; a {@code null} bound is open. An empty
     * iterator if {@code from} is after {@code to}.
     */
    KeyValueIterator<K, V> range(K from, K to);

    /** Returns the same entries as {@link #range}, last key first. */
    default KeyValueIterator<K, V> reverseRange(K from, K to) {
        throw new UnsupportedOperationException("reverseRange is not supported by " + getClass().getName());
    }

    /** Returns all entries in key order. */
    KeyValueIterator<K, V> all();

    /** Returns all entries, last key first. */
    default KeyValueIterator<K, V> reverseAll() {
        throw new UnsupportedOperationException("reverseAll is not supported by " + getClass().getName());
    }

    /** Returns the entries whose serialized key starts with the serialized {@code prefix}, in key order. */
    default <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException("prefixScan is not supported by " + getClass().getName());
    }

    /** Returns an estimate of the number of entries; exact for Runnel's in-memory store. */
    long approximateNumEntries();
}
