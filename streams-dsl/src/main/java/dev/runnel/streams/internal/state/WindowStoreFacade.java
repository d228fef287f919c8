package dev.runnel.streams.internal.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A timestamped window store (with or without headers) seen as a plain window store (what
 * TopologyTestDriver#getWindowStore returns for DSL stores, as Kafka's driver does): reads drop the timestamps and
 * headers; puts are stamped with the window start and carry no headers. {@link TimestampedWindowStoreFacade} sees a
 * headers-aware store with its timestamps instead.
 *
 * @param <W> the wrapped store's value type, which wraps a {@code V}
 */
public class WindowStoreFacade<K, V, W> extends WrappedStateStore<WindowStore<K, W>>
    implements WindowStore<K, V> {
    /** Returns the plain value of a wrapped one; null for null. */
    private final Function<W, V> unwrap;
    /** Returns a plain value wrapped for the store with the given timestamp; null for null. */
    private final BiFunction<V, Long, W> wrap;

    /** Wraps {@code inner}; both functions map a null value to null. */
    protected WindowStoreFacade(WindowStore<K, W> inner, Function<W, V> unwrap, BiFunction<V, Long, W> wrap) {
        super(inner);
        this.unwrap = unwrap;
        this.wrap = wrap;
    }

    /** Returns {@code inner} seen as a plain window store. */
    public static <K, V> WindowStoreFacade<K, V, ValueAndTimestamp<V>> of(TimestampedWindowStore<K, V> inner) {
        return new WindowStoreFacade<>(inner, ValueAndTimestamp::getValueOrNull, ValueAndTimestamp::make);
    }

    /** Returns {@code inner} seen as a plain window store. */
    public static <K, V> WindowStoreFacade<K, V, ValueTimestampHeaders<V>> of(
        TimestampedWindowStoreWithHeaders<K, V> inner) {
        return new WindowStoreFacade<>(inner, ValueTimestampHeaders::getValueOrNull,
            (value, timestamp) -> ValueTimestampHeaders.make(value, timestamp, null));
    }

    /**
     * Returns {@code store} seen as a plain window store if it is a timestamped one (with or without headers), else
     * {@code null}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> WindowStore<K, V> plainViewOrNull(StateStore store) {
        if (store instanceof TimestampedWindowStore timestamped) {
            return of(timestamped);
        }
        return store instanceof TimestampedWindowStoreWithHeaders headers ? of(headers) : null;
    }

    /** Returns {@code store}, a window store, seen as one of plain values: itself unless it is timestamped. */
    @SuppressWarnings("unchecked")
    public static <K, V> WindowStore<K, V> plainView(StateStore store) {
        WindowStore<K, V> facade = plainViewOrNull(store);
        return facade != null ? facade : (WindowStore<K, V>) store;
    }

    private KeyValueIterator<Windowed<K>, V> plain(KeyValueIterator<Windowed<K>, W> iterator) {
        return new MappedKeyValueIterator<>(iterator, Function.identity(), unwrap);
    }

    private WindowStoreIterator<V> plain(WindowStoreIterator<W> iterator) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(iterator, start -> start, unwrap));
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        wrapped().put(key, wrap.apply(value, windowStartTimestamp), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return unwrap.apply(wrapped().fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return plain(wrapped().fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return plain(wrapped().backwardFetch(key, timeFrom, timeTo));
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
