package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;

/**
 * The outermost, typed layer of a window store (serdes and conversions in {@link MeteredStore}). Not thread-safe for
 * writes; owned by the task.
 */
public class MeteredWindowStore<K, V> extends MeteredStore<WindowStore<Bytes, byte[]>, K, V>
    implements WindowStore<K, V> {

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    public MeteredWindowStore(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde) {
        super(wrapped, keySerde, valueSerde);
    }

    private Windowed<K> windowedKey(Windowed<Bytes> raw) {
        return new Windowed<>(key(raw.key().get()), raw.window());
    }

    private KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> raw) {
        return new MappedKeyValueIterator<>(raw, this::windowedKey, this::value);
    }

    private WindowStoreIterator<V> typed(WindowStoreIterator<byte[]> raw) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(raw, start -> start, this::value));
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> flushListener, boolean sendOldValues) {
        CachingWindowStore caching = WrappedStateStore.layer(wrapped(), CachingWindowStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> flushListener
            .apply(windowedKey(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        wrapped().put(rawKey(key), rawValue(value), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return value(wrapped().fetch(rawKey(key), time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return typed(wrapped().fetch(rawKey(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return typed(wrapped().backwardFetch(rawKey(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(wrapped().fetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(wrapped().backwardFetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return typed(wrapped().fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return typed(wrapped().backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return typed(wrapped().all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return typed(wrapped().backwardAll());
    }
}
