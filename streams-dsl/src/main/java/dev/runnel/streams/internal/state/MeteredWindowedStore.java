package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;

/**
 * The outermost, typed layer of a store keyed by windows (a window or session store): its put and fetch metrics, and
 * the typing of windowed keys in what it returns and in what its caching layer writes down. Not thread-safe for
 * writes; owned by the task.
 *
 * @param <S> the bytes store below
 * @param <K> the record key type
 * @param <V> the value (or aggregate) type
 */
abstract class MeteredWindowedStore<S extends StateStore, K, V> extends MeteredStore<S, K, V> {
    StateStoreMetrics.Operation putOperation = StateStoreMetrics.Operation.OFF;
    StateStoreMetrics.Operation fetchOperation = StateStoreMetrics.Operation.OFF;
    StoreIterators iterators = StoreIterators.OFF;

    MeteredWindowedStore(S wrapped, Serde<K> keySerde, Serde<?> valueSerde, String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    protected void addOperationMetrics(StateStoreMetrics metrics) {
        putOperation = metrics.operation("put");
        fetchOperation = metrics.operation("fetch");
        iterators = metrics.iterators();
    }

    final Windowed<K> windowedKey(Windowed<Bytes> raw) {
        return new Windowed<>(key(raw.key().get()), raw.window());
    }

    /** Types the windows of a fetch begun at {@code start}, whose latency is recorded when the iterator closes. */
    final KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> raw, long start) {
        return fetchOperation.untilClosed(new MappedKeyValueIterator<>(raw, this::windowedKey, this::value), start,
            iterators);
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> flushListener, boolean sendOldValues) {
        AbstractCachingWindowedStore<?> caching =
            WrappedStateStore.layer(wrapped(), AbstractCachingWindowedStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> flushListener
            .apply(windowedKey(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }
}
