package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outermost, typed layer of a key-value store (serdes and conversions in {@link MeteredStore}). It counts puts,
 * gets and deletes for the store metrics. Not thread-safe for writes; owned by the task.
 */
public class MeteredKeyValueStore<K, V> extends MeteredStore<KeyValueStore<Bytes, byte[]>, K, V>
    implements KeyValueStore<K, V> {
    private StateStoreContext storeContext;
    private long putCount;
    private long getCount;
    private long deleteCount;
    private final String metricsScope;

    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde);
        this.metricsScope = Objects.requireNonNull(metricsScope, "metricsScope");
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.storeContext = context;
        super.init(context, root);
    }

    private K key(Bytes rawKey) {
        return key(rawKey.get());
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> raw) {
        return new MappedKeyValueIterator<>(raw, this::key, this::value);
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<K, V> flushListener, boolean sendOldValues) {
        CacheFlushListener<K, V> bound = storeContext instanceof InternalStateStoreContext internal
            ? internal.bindToCurrentNode(flushListener) : flushListener;
        CachingKeyValueStore caching = WrappedStateStore.layer(wrapped(), CachingKeyValueStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> bound.apply(
            key(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }

    /** Returns the store supplier's metrics scope, e.g. {@code in-memory} or {@code in-memory-lru}. */
    public String metricsScope() {
        return metricsScope;
    }

    /** Returns how many puts this store has had (for metrics; may lag when read from another thread). */
    public long putCount() {
        return putCount;
    }

    /** Returns how many gets this store has had (for metrics). */
    public long getCount() {
        return getCount;
    }

    /** Returns how many deletes this store has had (for metrics). */
    public long deleteCount() {
        return deleteCount;
    }

    @Override
    public V get(K key) {
        getCount++;
        return value(wrapped().get(rawKey(key)));
    }

    /**
     * Returns the value of {@code key} as written down below the record cache, ignoring newer updates still in it
     * (what {@code KeyQuery.skipCache()} asks for); without a caching layer, as {@link #get}. Any thread.
     */
    public V getSkippingCache(K key) {
        getCount++;
        CachingKeyValueStore caching = WrappedStateStore.layer(wrapped(), CachingKeyValueStore.class);
        KeyValueStore<Bytes, byte[]> belowCache = caching == null ? wrapped() : caching.wrapped();
        return value(belowCache.get(rawKey(key)));
    }

    @Override
    public void put(K key, V value) {
        putCount++;
        wrapped().put(rawKey(key), rawValue(value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(wrapped().putIfAbsent(rawKey(key), rawValue(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<Bytes, byte[]>> raw = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            raw.add(KeyValue.pair(rawKey(entry.key), rawValue(entry.value)));
        }
        wrapped().putAll(raw);
    }

    @Override
    public V delete(K key) {
        deleteCount++;
        return value(wrapped().delete(rawKey(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(wrapped().range(rawKeyOrNull(from), rawKeyOrNull(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return typed(wrapped().reverseRange(rawKeyOrNull(from), rawKeyOrNull(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(wrapped().all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return typed(wrapped().reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
        return typed(wrapped().prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
