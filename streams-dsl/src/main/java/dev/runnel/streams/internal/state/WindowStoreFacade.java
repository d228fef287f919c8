package dev.runnel.streams.internal.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;

/**
 * A plain window-store view of a timestamped window store (what TopologyTestDriver#getWindowStore returns for DSL
 * stores, as Kafka's driver does). Puts are stamped with the window start.
 */
public final class WindowStoreFacade<K, V> extends WrappedStateStore<TimestampedWindowStore<K, V>>
    implements WindowStore<K, V> {

    /** Wraps {@code inner}. */
    public WindowStoreFacade(TimestampedWindowStore<K, V> inner) {
        super(inner);
    }

    private static <T> T value(ValueAndTimestamp<T> stamped) {
        return ValueAndTimestamp.getValueOrNull(stamped);
    }

    private KeyValueIterator<Windowed<K>, V> plain(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> iterator) {
        return new MappedKeyValueIterator<>(iterator, key -> key, WindowStoreFacade::value);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        wrapped().put(key, value == null ? null : ValueAndTimestamp.make(value, windowStartTimestamp),
            windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return value(wrapped().fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(wrapped().fetch(key, timeFrom, timeTo),
            start -> start, WindowStoreFacade::value));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(
            wrapped().backwardFetch(key, timeFrom, timeTo), start -> start, WindowStoreFacade::value));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(wrapped().backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return plain(wrapped().fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return plain(wrapped().backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return plain(wrapped().all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return plain(wrapped().backwardAll());
    }
}
