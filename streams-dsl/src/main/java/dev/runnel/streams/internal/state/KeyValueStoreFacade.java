package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
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
public final class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
    private static final long NO_TIMESTAMP = -1L;
    private final TimestampedKeyValueStore<K, V> inner;

    /** Wraps {@code inner}. */
    public KeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    private KeyValueIterator<K, V> values(KeyValueIterator<K, ValueAndTimestamp<V>> iterator) {
        return new MappedKeyValueIterator<>(iterator, Function.identity(), ValueAndTimestamp::getValueOrNull);
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.get(key));
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, NO_TIMESTAMP));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ValueAndTimestamp.getValueOrNull(inner.putIfAbsent(key, ValueAndTimestamp.make(value, NO_TIMESTAMP)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.delete(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return values(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return values(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return values(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return values(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return values(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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
