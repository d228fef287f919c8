package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.util.List;
import java.util.function.Function;

/**
 * A timestamped store (with or without headers) seen as a plain key-value store: reads drop the timestamps and
 * headers, writes store timestamp -1 and no headers. The test driver returns it from {@code getKeyValueStore} for
 * timestamped stores, as Kafka's driver does. {@link TimestampedKeyValueStoreFacade} sees a headers-aware store with
 * its timestamps instead.
 *
 * @param <W> the wrapped store's value type, which wraps a {@code V}
 */
public class KeyValueStoreFacade<K, V, W> extends WrappedStateStore<KeyValueStore<K, W>>
    implements KeyValueStore<K, V> {
    private static final long NO_TIMESTAMP = -1L;

    /** Returns the plain value of a wrapped one; null for null. */
    private final Function<W, V> unwrap;
    /** Returns a plain value wrapped for the store; null for null. */
    private final Function<V, W> wrap;

    /** Wraps {@code inner}; both functions map null to null. */
    protected KeyValueStoreFacade(KeyValueStore<K, W> inner, Function<W, V> unwrap, Function<V, W> wrap) {
        super(inner);
        this.unwrap = unwrap;
        this.wrap = wrap;
    }

    /** Returns {@code inner} seen as a plain key-value store. */
    public static <K, V> KeyValueStoreFacade<K, V, ValueAndTimestamp<V>> of(TimestampedKeyValueStore<K, V> inner) {
        return new KeyValueStoreFacade<>(inner, ValueAndTimestamp::getValueOrNull,
            value -> ValueAndTimestamp.make(value, NO_TIMESTAMP));
    }

    /** Returns {@code inner} seen as a plain key-value store. */
    public static <K, V> KeyValueStoreFacade<K, V, ValueTimestampHeaders<V>> of(
        TimestampedKeyValueStoreWithHeaders<K, V> inner) {
        return new KeyValueStoreFacade<>(inner, ValueTimestampHeaders::getValueOrNull,
            value -> ValueTimestampHeaders.make(value, NO_TIMESTAMP, null));
    }

    /**
     * Returns {@code store} seen as a plain key-value store if it is a timestamped one (with or without headers),
     * else {@code null}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> KeyValueStore<K, V> plainViewOrNull(StateStore store) {
        if (store instanceof TimestampedKeyValueStore timestamped) {
            return of(timestamped);
        }
        return store instanceof TimestampedKeyValueStoreWithHeaders headers ? of(headers) : null;
    }

    private KeyValueIterator<K, V> values(KeyValueIterator<K, W> iterator) {
        return new MappedKeyValueIterator<>(iterator, Function.identity(), unwrap);
    }

    @Override
    public V get(K key) {
        return unwrap.apply(wrapped().get(key));
    }

    @Override
    public void put(K key, V value) {
        wrapped().put(key, wrap.apply(value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return unwrap.apply(wrapped().putIfAbsent(key, wrap.apply(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        return unwrap.apply(wrapped().delete(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return values(wrapped().range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return values(wrapped().reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return values(wrapped().all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return values(wrapped().reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return values(wrapped().prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
