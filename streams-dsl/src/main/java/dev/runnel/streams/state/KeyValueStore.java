package dev.runnel.streams.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import java.util.List;

/** A readable and writable key-value store. Keys must not be null; a {@code null} value deletes the key. */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    /** Sets the value of {@code key}; {@code null} deletes it. */
    void put(K key, V value);

    /** Sets the value only if the key is absent, and returns the previous value (or {@code null}). */
    V putIfAbsent(K key, V value);

    /** Puts every entry, in list order. */
    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes the key and returns its previous value, or {@code null}. */
    V delete(K key);
}
