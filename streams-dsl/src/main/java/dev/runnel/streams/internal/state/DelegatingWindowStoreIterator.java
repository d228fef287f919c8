package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStoreIterator;

/** A {@link WindowStoreIterator} view of an iterator keyed by window start. */
public final class DelegatingWindowStoreIterator<V> implements WindowStoreIterator<V> {
    private final KeyValueIterator<Long, V> inner;

    /** Wraps {@code inner}. */
    public DelegatingWindowStoreIterator(KeyValueIterator<Long, V> inner) {
        this.inner = inner;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<Long, V> next() {
        return inner.next();
    }

    @Override
    public Long peekNextKey() {
        return inner.peekNextKey();
    }

    @Override
    public void close() {
        inner.close();
    }
}
