package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outermost, typed layer of a key-value store (serdes, conversions and store metrics in {@link MeteredStore}).
 * Not thread-safe for writes; owned by the task.
 */
public class MeteredKeyValueStore<K, V> extends MeteredStore<KeyValueStore<Bytes, byte[]>, K, V>
    implements KeyValueStore<K, V> {
    private StateStoreMetrics.Operation putOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation putIfAbsentOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation putAllOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation getOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation deleteOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation rangeOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation allOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation prefixScanOperation = StateStoreMetrics.Operation.OFF;
    private StoreIterators iterators = StoreIterators.OFF;

    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    protected void addOperationMetrics(StateStoreMetrics metrics) {
        putOperation = metrics.operation("put");
        putIfAbsentOperation = metrics.operation("put-if-absent");
        putAllOperation = metrics.operation("put-all");
        getOperation = metrics.operation("get");
        deleteOperation = metrics.operation("delete");
        rangeOperation = metrics.operation("range");
        allOperation = metrics.operation("all");
        prefixScanOperation = metrics.operation("prefix-scan");
        iterators = metrics.iterators();
    }

    private K key(Bytes rawKey) {
        return key(rawKey.get());
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> raw, StateStoreMetrics.Operation operation,
        long start) {
        return operation.untilClosed(new MappedKeyValueIterator<>(raw, this::key, this::value), start,
            iterators);
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<K, V> flushListener, boolean sendOldValues) {
        CacheFlushListener<K, V> bound = storeContext() instanceof InternalStateStoreContext internal
            ? internal.bindToCurrentNode(flushListener) : flushListener;
        CachingKeyValueStore caching = WrappedStateStore.layer(wrapped(), CachingKeyValueStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> bound.apply(
            key(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }

    @Override
    public V get(K key) {
        long start = getOperation.start();
        V value = value(wrapped().get(rawKey(key)));
        getOperation.record(start);
        return value;
    }

    /**
     * Returns the value of {@code key} as written down below the record cache, ignoring newer updates still in it
     * (what {@code KeyQuery.skipCache()} asks for); without a caching layer, as {@link #get}. Any thread.
     */
    public V getSkippingCache(K key) {
        CachingKeyValueStore caching = WrappedStateStore.layer(wrapped(), CachingKeyValueStore.class);
        KeyValueStore<Bytes, byte[]> belowCache = caching == null ? wrapped() : caching.wrapped();
        return value(belowCache.get(rawKey(key)));
    }

    @Override
    public void put(K key, V value) {
        long start = putOperation.start();
        wrapped().put(rawKey(key), rawValue(value));
        putOperation.record(start);
        recordWrite();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        long start = putIfAbsentOperation.start();
        V previous = value(wrapped().putIfAbsent(rawKey(key), rawValue(value)));
        putIfAbsentOperation.record(start);
        recordWrite();
        return previous;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        long start = putAllOperation.start();
        List<KeyValue<Bytes, byte[]>> raw = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            raw.add(KeyValue.pair(rawKey(entry.key), rawValue(entry.value)));
        }
        wrapped().putAll(raw);
        putAllOperation.record(start);
        recordWrite();
    }

    @Override
    public V delete(K key) {
        long start = deleteOperation.start();
        V previous = value(wrapped().delete(rawKey(key)));
        deleteOperation.record(start);
        return previous;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        long start = rangeOperation.start();
        return typed(wrapped().range(rawKeyOrNull(from), rawKeyOrNull(to)), rangeOperation, start);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        long start = rangeOperation.start();
        return typed(wrapped().reverseRange(rawKeyOrNull(from), rawKeyOrNull(to)), rangeOperation, start);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        long start = allOperation.start();
        return typed(wrapped().all(), allOperation, start);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        long start = allOperation.start();
        return typed(wrapped().reverseAll(), allOperation, start);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
        long start = prefixScanOperation.start();
        return typed(wrapped().prefixScan(prefix, prefixKeySerializer), prefixScanOperation, start);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
