package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;

/**
 * A store's iterator whose operation (a range, scan or fetch) lasts until it is closed, as Kafka Streams measures it:
 * it counts among the store's open iterators from its creation to its first close, which records the time since the
 * call into the operation's latency and the store's {@code iterator-duration} when those record (level DEBUG). Not
 * thread-safe.
 */
final class MeasuredKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<K, V> inner;
    private final long startNanos;
    private final StateStoreMetrics.Operation operation;
    private final StoreIterators iterators;
    private boolean closed;

    MeasuredKeyValueIterator(KeyValueIterator<K, V> inner, long startNanos, StateStoreMetrics.Operation operation,
        StoreIterators iterators) {
        this.inner = inner;
        this.startNanos = startNanos;
        this.operation = operation;
        this.iterators = iterators;
        iterators.opened(this);
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
        return inner.next();
    }

    @Override
    public K peekNextKey() {
        return inner.peekNextKey();
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            if (!closed) {
                closed = true;
                operation.record(startNanos);
                iterators.closed(this, startNanos);
            }
        }
    }
}
