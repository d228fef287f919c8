package dev.runnel.streams.kstream;

/** Maps a record to a new key, a new key-value pair, or an iterable of pairs, depending on the operation. */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    /** Returns the mapped result. */
    VR apply(K key, V value);
}
