package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.Objects;

/**
 * The outermost, typed layer of a window store: serializes keys and values into the bytes layers below. Serdes left
 * {@code null} by the builder fall back to the application's defaults at {@link #init}. Not thread-safe for writes;
 * owned by the task.
 */
public class MeteredWindowStore<K, V> implements WindowStore<K, V> {
    private final WindowStore<Bytes, byte[]> wrapped;
    private final Serde<K> configuredKeySerde;
    private final Serde<?> configuredValueSerde;
    private String serdeTopic;
    private Serializer<K> keySerializer;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    public MeteredWindowStore(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde) {
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
    public WindowStore<Bytes, byte[]> wrapped() {
        return wrapped;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(StateStoreContext context, StateStore root) {
        Serde<K> keySerde = StoreSerdes.keySerde(configuredKeySerde, context, name());
        Serde<?> userValueSerde = StoreSerdes.valueSerde(configuredValueSerde, context, name());
        Serde<V> valueSerde = valueSerde(userValueSerde);
        this.serdeTopic = InternalStateStoreContext.changelogTopic(context.applicationId(), name());
        this.keySerializer = keySerde.serializer();
        this.keyDeserializer = keySerde.deserializer();
        this.valueSerializer = valueSerde.serializer();
        this.valueDeserializer = valueSerde.deserializer();
        wrapped.init(context, root);
    }

    private Bytes rawKey(K key) {
        return Bytes.wrap(keySerializer.serialize(serdeTopic, Objects.requireNonNull(key, "key cannot be null")));
    }

    private Bytes rawKeyOrNull(K key) {
        return key == null ? null : rawKey(key);
    }

    private V value(byte[] rawValue) {
        return rawValue == null ? null : valueDeserializer.deserialize(serdeTopic, rawValue);
    }

    private Windowed<K> windowedKey(Windowed<Bytes> raw) {
        return new Windowed<>(keyDeserializer.deserialize(serdeTopic, raw.key().get()), raw.window());
    }

    private KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> raw) {
        return new MappedKeyValueIterator<>(raw, this::windowedKey, this::value);
    }

    private WindowStoreIterator<V> typed(WindowStoreIterator<byte[]> raw) {
        return new DelegatingWindowStoreIterator<>(new MappedKeyValueIterator<>(raw, start -> start, this::value));
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> flushListener, boolean sendOldValues) {
        CachingWindowStore caching = WrappedStateStore.layer(wrapped, CachingWindowStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> flushListener
            .apply(windowedKey(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        wrapped.put(rawKey(key), value == null ? null : valueSerializer.serialize(serdeTopic, value),
            windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return value(wrapped.fetch(rawKey(key), time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return typed(wrapped.fetch(rawKey(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return typed(wrapped.backwardFetch(rawKey(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(wrapped.fetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(wrapped.backwardFetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return typed(wrapped.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return typed(wrapped.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return typed(wrapped.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return typed(wrapped.backwardAll());
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
