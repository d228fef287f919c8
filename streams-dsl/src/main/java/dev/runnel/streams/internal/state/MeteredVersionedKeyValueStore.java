package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;

/**
 * The outermost, typed layer of a versioned store (serdes and conversions in {@link MeteredStore}). Not thread-safe
 * for writes; owned by the task.
 */
public final class MeteredVersionedKeyValueStore<K, V> extends MeteredStore<VersionedBytesStore, K, V>
    implements VersionedKeyValueStore<K, V> {

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    public MeteredVersionedKeyValueStore(VersionedBytesStore wrapped, Serde<K> keySerde, Serde<V> valueSerde) {
        super(wrapped, keySerde, valueSerde);
    }

    @Override
    public long put(K key, V value, long timestamp) {
        return wrapped().put(rawKey(key), rawValue(value), timestamp);
    }

    @Override
    public VersionedRecord<V> delete(K key, long timestamp) {
        return typed(wrapped().delete(rawKey(key), timestamp));
    }

    @Override
    public VersionedRecord<V> get(K key) {
        return typed(wrapped().latest(rawKey(key)));
    }

    @Override
    public VersionedRecord<V> get(K key, long asOfTimestamp) {
        return typed(wrapped().get(rawKey(key), asOfTimestamp));
    }

    private VersionedRecord<V> typed(VersionedRecord<byte[]> raw) {
        if (raw == null) {
            return null;
        }
        V value = value(raw.value());
        return raw.validTo().isPresent()
            ? new VersionedRecord<>(value, raw.timestamp(), raw.validTo().get())
            : new VersionedRecord<>(value, raw.timestamp());
    }
}
