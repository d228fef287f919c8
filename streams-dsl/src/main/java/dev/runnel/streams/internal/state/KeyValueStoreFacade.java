package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.List;
import java.util.function.Function;

/**
 * A timestamped store seen as a plain key-value store: reads drop the timestamps, writes store timestamp -1. The test
 * driver returns it from {@code getKeyValueStore} for timestamped stores, as Kafka's driver does.
 */
public final class KeyValueStoreFacade<K, V> extends WrappedStateStore<TimestampedKeyValueStore<K, V>>
    implements KeyValueStore<K, V> {
    private static final long NO_TIMESTAMP = -1L;

    /** Wraps {@code inner}. */
    public KeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner) {
        super(inner);
    }

    private KeyValueIterator<K, V> values(KeyValueIterator<K, ValueAndTimestamp<V>> iterator) {
        return new MappedKeyValueIterator<>(iterator, Function.identity(), ValueAndTimestamp::getValueOrNull);
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(wrapped().get(key));
    }

    @Override
    public void put(K key, V value) {
        wrapped().put(key, ValueAndTimestamp.make(value, NO_TIMESTAMP));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ValueAndTimestamp.getValueOrNull(
            wrapped().putIfAbsent(key, ValueAndTimestamp.make(value, NO_TIMESTAMP)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(wrapped().delete(key));
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
