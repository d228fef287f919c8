package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.query.ResultOrder;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import dev.runnel.streams.state.VersionedRecordIterator;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Returns the versions of {@code key} valid at some time from {@code fromTime} to {@code toTime} (inclusive) and
     * within the history retention, by timestamp: ascending if {@code order} says so, else descending (as Kafka
     * Streams answers {@link ResultOrder#ANY}). For {@code MultiVersionedKeyQuery}; thread-safe for reads, as the
     * store below is.
     */
    public VersionedRecordIterator<V> get(K key, long fromTime, long toTime, ResultOrder order) {
        List<VersionedRecord<byte[]>> raw = wrapped().versions(rawKey(key), fromTime, toTime);
        List<VersionedRecord<V>> versions = new ArrayList<>(raw.size());
        for (VersionedRecord<byte[]> version : raw) {
            versions.add(typed(version));
        }
        return new ListVersionedRecordIterator<>(versions, order != ResultOrder.ASCENDING);
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
