package dev.runnel.streams.internal.runtime;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.util.List;

/**
 * A global key-value store as a task's processors see it: readable, but only the global thread writes it, so writes
 * (and init, flush, close) throw, as in Kafka Streams.
 */
class ReadOnlyGlobalKeyValueStore<K, V> implements KeyValueStore<K, V> {
    private static final String READ_ONLY = "Global store is read only";

    private final KeyValueStore<K, V> store;

    ReadOnlyGlobalKeyValueStore(KeyValueStore<K, V> store) {
        this.store = store;
    }

    /** Returns {@code store} read-only if it is a key-value store (of any kind), else as it is. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static StateStore wrap(StateStore store) {
        if (store instanceof TimestampedKeyValueStore timestamped) {
            return new Timestamped<>(timestamped);
        }
        if (store instanceof TimestampedKeyValueStoreWithHeaders headers) {
            return new WithHeaders<>(headers);
        }
        return store instanceof KeyValueStore keyValue ? new ReadOnlyGlobalKeyValueStore<>(keyValue) : store;
    }

    /** The timestamped kind, so that processors may still cast to {@link TimestampedKeyValueStore}. */
    private static final class Timestamped<K, V> extends ReadOnlyGlobalKeyValueStore<K, ValueAndTimestamp<V>>
        implements TimestampedKeyValueStore<K, V> {
        Timestamped(TimestampedKeyValueStore<K, V> store) {
            super(store);
        }
    }

    /** The headers-aware kind, so that processors may still cast to {@link TimestampedKeyValueStoreWithHeaders}. */
    private static final class WithHeaders<K, V> extends ReadOnlyGlobalKeyValueStore<K, ValueTimestampHeaders<V>>
        implements TimestampedKeyValueStoreWithHeaders<K, V> {
        WithHeaders(TimestampedKeyValueStoreWithHeaders<K, V> store) {
            super(store);
        }
    }

    @Override
    public V get(K key) {
        return store.get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return store.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return store.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return store.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return store.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public void put(K key, V value) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public V delete(K key) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException(READ_ONLY);
    }
}
