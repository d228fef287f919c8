package dev.runnel.streams.state;

import static dev.runnel.streams.internal.state.TimeArguments.millis;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import java.time.Instant;

/**
 * A store of values per key and window start, with a retention period: once stream time (the largest window start
 * written) has passed a window's start by the retention period, the window is dropped and writes to it are ignored.
 * A store that retains duplicates (stream-stream join buffers) keeps every value put for the same key and window, in
 * put order, and ignores {@code null} values; otherwise a put replaces the value and a {@code null} value deletes it.
 *
 * <p>Not thread-safe for writes; owned by the task. Reads from interactive queries are safe.
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
    /**
     * Puts {@code value} for {@code key} in the window starting at {@code windowStartTimestamp} (ms).
     *
     * @param value the value, or {@code null} to delete (ignored when retaining duplicates)
     */
    void put(K key, V value, long windowStartTimestamp);

    /** Returns the windows of {@code key} whose start is in {@code [timeFrom, timeTo]} (ms), oldest first. */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    /** As {@link #fetch(Object, long, long)}, newest first. */
    default WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    /** Returns the windows of keys in {@code [keyFrom, keyTo]} (null = open) starting in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    /** As {@link #fetch(Object, Object, long, long)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    /** Returns the windows of all keys with start in {@code [timeFrom, timeTo]} (ms). */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    /** As {@link #fetchAll(long, long)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return fetch(key, millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }

    @Override
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return backwardFetch(key, millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return fetch(keyFrom, keyTo, millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return backwardFetch(keyFrom, keyTo, millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return backwardFetchAll(millis(timeFrom, "timeFrom"), millis(timeTo, "timeTo"));
    }
}
