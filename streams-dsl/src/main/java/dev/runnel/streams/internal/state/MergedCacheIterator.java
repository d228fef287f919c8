package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.Comparator;
import java.util.NoSuchElementException;

/**
 * Iterates a store's entries merged with the cached, not yet written-down entries of the same range, both in the same
 * order: where both hold a key the cached entry wins, and a cached deletion ({@code null} value) hides the store's
 * entry and is itself skipped. Not thread-safe.
 */
final class MergedCacheIterator<K> implements KeyValueIterator<K, byte[]> {
    private final KeyValueIterator<K, byte[]> stored;
    private final KeyValueIterator<K, byte[]> cached;
    private final Comparator<? super K> order;
    private KeyValue<K, byte[]> next;

    /** Merges {@code stored} and {@code cached}, which both iterate in {@code order}. */
    MergedCacheIterator(KeyValueIterator<K, byte[]> stored, KeyValueIterator<K, byte[]> cached,
        Comparator<? super K> order) {
        this.stored = stored;
        this.cached = cached;
        this.order = order;
    }

    @Override
    public boolean hasNext() {
        return advance() != null;
    }

    @Override
    public KeyValue<K, byte[]> next() {
        KeyValue<K, byte[]> result = advance();
        if (result == null) {
            throw new NoSuchElementException();
        }
        next = null;
        return result;
    }

    @Override
    public K peekNextKey() {
        KeyValue<K, byte[]> result = advance();
        if (result == null) {
            throw new NoSuchElementException();
        }
        return result.key;
    }

    /** Returns the next entry to return without taking it, or null at the end. */
    private KeyValue<K, byte[]> advance() {
        while (next == null) {
            boolean fromStore = stored.hasNext();
            boolean fromCache = cached.hasNext();
            if (!fromStore && !fromCache) {
                return null;
            }
            KeyValue<K, byte[]> candidate;
            if (!fromCache) {
                candidate = stored.next();
            } else if (!fromStore) {
                candidate = cached.next();
            } else {
                int comparison = order.compare(stored.peekNextKey(), cached.peekNextKey());
                if (comparison < 0) {
                    candidate = stored.next();
                } else {
                    if (comparison == 0) {
                        stored.next();
                    }
                    candidate = cached.next();
                }
            }
            if (candidate.value != null) {
                next = candidate;
            }
        }
        return next;
    }

    @Override
    public void close() {
        stored.close();
        cached.close();
    }
}
