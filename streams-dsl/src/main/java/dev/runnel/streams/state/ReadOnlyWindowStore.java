package dev.runnel.streams.state;

import dev.runnel.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a window store: values per key and window start. Time ranges select windows by their start time,
 * both bounds inclusive. Forward iteration is in ascending window start (then key); backward is the exact reverse.
 * Windows older than the store's retention period are never returned. As in Kafka Streams, the backward reads
 * refuse with an {@link UnsupportedOperationException} unless an implementation overrides them.
 */
public interface ReadOnlyWindowStore<K, V> {
    /** Returns the value of {@code key} in the window starting at {@code time} (ms), or {@code null}. */
    V fetch(K key, long time);

    /** Returns the windows of {@code key} whose start is in {@code [timeFrom, timeTo]}, oldest first. */
    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo);

    /** Returns the windows of {@code key} whose start is in {@code [timeFrom, timeTo]}, newest first. */
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    /**
     * Returns the windows of the keys in {@code [keyFrom, keyTo]} (a null bound is open) whose start is in
     * {@code [timeFrom, timeTo]}.
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    /** As {@link #fetch(Object, Object, Instant, Instant)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    /** Returns every window of every key. */
    KeyValueIterator<Windowed<K>, V> all();

    /** Returns every window of every key, in reverse order. */
    default KeyValueIterator<Windowed<K>, V> backwardAll() {
        throw new UnsupportedOperationException();
    }

    /** Returns the windows of all keys whose start is in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo);

    /** As {@link #fetchAll(Instant, Instant)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }
}
