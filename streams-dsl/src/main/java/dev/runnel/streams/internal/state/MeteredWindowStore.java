package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;

/**
 * The outermost, typed layer of a window store (serdes, conversions and store metrics in {@link MeteredStore}). Not
 * thread-safe for writes; owned by the task.
 */
public class MeteredWindowStore<K, V> extends MeteredWindowedStore<WindowStore<Bytes, byte[]>, K, V>
    implements WindowStore<K, V> {
    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    public MeteredWindowStore(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    private WindowStoreIterator<V> typed(WindowStoreIterator<byte[]> raw, long start) {
        return new DelegatingWindowStoreIterator<>(fetchOperation.untilClosed(
            new MappedKeyValueIterator<>(raw, windowStart -> windowStart, this::value), start, iterators));
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        long start = putOperation.start();
        wrapped().put(rawKey(key), rawValue(value), windowStartTimestamp);
        putOperation.record(start);
        recordWrite();
    }

    @Override
    public V fetch(K key, long time) {
        long start = fetchOperation.start();
        V value = value(wrapped().fetch(rawKey(key), time));
        fetchOperation.record(start);
        return value;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().fetch(rawKey(key), timeFrom, timeTo), start);
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFetch(rawKey(key), timeFrom, timeTo), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().fetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().fetchAll(timeFrom, timeTo), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFetchAll(timeFrom, timeTo), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        long start = fetchOperation.start();
        return typed(wrapped().all(), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        long start = fetchOperation.start();
        return typed(wrapped().backwardAll(), start);
    }
}
