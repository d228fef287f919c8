package dev.runnel.streams.internal.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;

/**
 * A plain window-store view of a timestamped window store (what TopologyTestDriver#getWindowStore returns for DSL
 * stores, as Kafka's driver does). Puts are stamped with the window start.
 */
public final class WindowStoreFacade<K, V> implements WindowStore<K, V> {
    private final TimestampedWindowStore<K, V> inner;

    /** Wraps {@code inner}. */
    public WindowStoreFacade(TimestampedWindowStore<K, V> inner) {
        this.inner = inner;
    }

    private static <T> T value(ValueAndTimestamp<T> stamped) {
        return ValueAndTimestamp.getValueOrNull(stamped);
    }

    private KeyValueIterator<Windowed<K>, V> plain(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> iterator) {
        return new MappedKeyValueIterator<>(iterator, key -> key, WindowStoreFacade::value);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        inner.put(key, value == null ? null : ValueAndTimestamp.make(value, windowStartTimestamp),
            windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return value(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(inner.fetch(key, timeFrom, timeTo),
            start -> start, WindowStoreFacade::value));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(
            inner.backwardFetch(key, timeFrom, timeTo), start -> start, WindowStoreFacade::value));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return plain(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return plain(inner.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return plain(inner.backwardAll());
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
