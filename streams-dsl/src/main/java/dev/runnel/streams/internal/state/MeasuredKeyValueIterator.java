package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;

/**
 * A store's iterator whose operation (a range, scan or fetch) lasts until it is closed, as Kafka Streams measures it:
 * at the first close it records the time since the call into the operation's latency and the store's {@code
 * iterator-duration}. Created only when those metrics record (level DEBUG). Not thread-safe.
 */
final class MeasuredKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<K, V> inner;
    private final long startNanos;
    private final StateStoreMetrics.Operation operation;
    private final StateStoreMetrics.Operation iteratorDuration;
    private boolean closed;

    MeasuredKeyValueIterator(KeyValueIterator<K, V> inner, long startNanos, StateStoreMetrics.Operation operation,
        StateStoreMetrics.Operation iteratorDuration) {
        this.inner = inner;
        this.startNanos = startNanos;
        this.operation = operation;
        this.iteratorDuration = iteratorDuration;
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
                long nanos = StateStoreMetrics.Operation.now() - startNanos;
                operation.recordNanos(nanos);
                iteratorDuration.recordNanos(nanos);
            }
        }
    }
}
