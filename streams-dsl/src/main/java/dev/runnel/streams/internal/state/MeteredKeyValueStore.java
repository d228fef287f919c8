package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Deserializer;
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
 * The outermost, typed layer of a key-value store: serializes keys and values into the bytes layers below. Serdes
 * left {@code null} by the builder fall back to the application's defaults at {@link #init}. It counts puts, gets and
 * deletes for the store metrics. Not thread-safe for writes; owned by the
 * task.
 */
public class MeteredKeyValueStore<K, V> implements KeyValueStore<K, V> {
    private final KeyValueStore<Bytes, byte[]> wrapped;
    private final Serde<K> configuredKeySerde;
    private final Serde<?> configuredValueSerde;
    private String serdeTopic;
    private Serializer<K> keySerializer;
    private KeyMemo lastKey;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;
    private StateStoreContext storeContext;
    private long putCount;
    private long getCount;
    private long deleteCount;

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.configuredKeySerde = keySerde;
        this.configuredValueSerde = valueSerde;
    }

    /** Returns the serde of this layer's values given the user's value serde; timestamped stores wrap it. */
    @SuppressWarnings("unchecked")
    protected Serde<V> valueSerde(Serde<?> userValueSerde) {
        return (Serde<V>) userValueSerde;
    }

    /** Returns the bytes store below this layer. */
    public KeyValueStore<Bytes, byte[]> wrapped() {
        return wrapped;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(StateStoreContext context, StateStore root) {
        Serde<K> keySerde = StoreSerdes.keySerde(configuredKeySerde, context, name());
        Serde<?> userValueSerde = StoreSerdes.valueSerde(configuredValueSerde, context, name());
        Serde<V> valueSerde = valueSerde(userValueSerde);
        this.storeContext = context;
        this.serdeTopic = InternalStateStoreContext.changelogTopic(context.applicationId(), name());
        this.keySerializer = keySerde.serializer();
        this.lastKey = null;
        this.keyDeserializer = keySerde.deserializer();
        this.valueSerializer = valueSerde.serializer();
        this.valueDeserializer = valueSerde.deserializer();
        wrapped.init(context, root);
    }

    private Bytes rawKey(K key) {
        KeyMemo memo = lastKey;
        if (memo != null && memo.key == key) {
            return memo.raw;
        }
        Bytes raw = Bytes.wrap(keySerializer.serialize(serdeTopic, Objects.requireNonNull(key, "key cannot be null")));
        if (key instanceof String || key instanceof Long || key instanceof Integer) {
            lastKey = new KeyMemo(key, raw);
        }
        return raw;
    }

    /**
     * The last immutable key object serialized and its bytes: a read-modify-write (get, then put of the same key
     * object) serializes and hashes the key once. Immutable, so a reader on another thread sees a consistent pair.
     */
    private record KeyMemo(Object key, Bytes raw) {
    }

    private byte[] rawValue(V value) {
        return value == null ? null : valueSerializer.serialize(serdeTopic, value);
    }

    private V value(byte[] rawValue) {
        return rawValue == null ? null : valueDeserializer.deserialize(serdeTopic, rawValue);
    }

    private K key(Bytes rawKey) {
        return keyDeserializer.deserialize(serdeTopic, rawKey.get());
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
        CachingKeyValueStore caching = WrappedStateStore.layer(wrapped, CachingKeyValueStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> bound.apply(
            key(key), value(newValue), value(oldValue), timestamp), sendOldValues);
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
        return value(wrapped.get(rawKey(key)));
    }

    @Override
    public void put(K key, V value) {
        putCount++;
        wrapped.put(rawKey(key), rawValue(value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(wrapped.putIfAbsent(rawKey(key), rawValue(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<Bytes, byte[]>> raw = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            raw.add(KeyValue.pair(rawKey(entry.key), rawValue(entry.value)));
        }
        wrapped.putAll(raw);
    }

    @Override
    public V delete(K key) {
        deleteCount++;
        return value(wrapped.delete(rawKey(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(wrapped.range(from == null ? null : rawKey(from), to == null ? null : rawKey(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return typed(wrapped.reverseRange(from == null ? null : rawKey(from), to == null ? null : rawKey(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(wrapped.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return typed(wrapped.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return typed(wrapped.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return wrapped.approximateNumEntries();
    }

    @Override
    public String name() {
        return wrapped.name();
    }

    @Override
    public void flush() {
        wrapped.flush();
    }

    @Override
    public void close() {
        wrapped.close();
    }

    @Override
    public boolean persistent() {
        return wrapped.persistent();
    }

    @Override
    public boolean isOpen() {
        return wrapped.isOpen();
    }
}
