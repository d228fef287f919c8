package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.query.ResultOrder;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import dev.runnel.streams.state.VersionedRecordIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * The outermost, typed layer of a versioned store (serdes, conversions and store metrics in {@link MeteredStore}).
 * Not thread-safe for writes; owned by the task.
 */
public final class MeteredVersionedKeyValueStore<K, V> extends MeteredStore<VersionedBytesStore, K, V>
    implements VersionedKeyValueStore<K, V> {
    private StateStoreMetrics.Operation putOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation getOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation deleteOperation = StateStoreMetrics.Operation.OFF;

    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    public MeteredVersionedKeyValueStore(VersionedBytesStore wrapped, Serde<K> keySerde, Serde<V> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    protected void addOperationMetrics(StateStoreMetrics metrics) {
        putOperation = metrics.operation("put");
        getOperation = metrics.operation("get");
        deleteOperation = metrics.operation("delete");
    }

    @Override
    public long put(K key, V value, long timestamp) {
        long start = putOperation.start();
        long validTo = wrapped().put(rawKey(key), rawValue(value), timestamp);
        putOperation.record(start);
        recordWrite();
        return validTo;
    }

    @Override
    public VersionedRecord<V> delete(K key, long timestamp) {
        long start = deleteOperation.start();
        VersionedRecord<V> deleted = withoutValidTo(wrapped().delete(rawKey(key), timestamp));
        deleteOperation.record(start);
        return deleted;
    }

    @Override
    public VersionedRecord<V> get(K key) {
        long start = getOperation.start();
        VersionedRecord<V> latest = typed(wrapped().latest(rawKey(key)));
        getOperation.record(start);
        return latest;
    }

    /**
     * Returns the version valid at {@code asOfTimestamp} without its validTo, as Kafka Streams' store returns it to
     * processors (its store below knows the validTo; {@link #query} keeps it).
     */
    @Override
    public VersionedRecord<V> get(K key, long asOfTimestamp) {
        long start = getOperation.start();
        VersionedRecord<V> asOf = withoutValidTo(wrapped().get(rawKey(key), asOfTimestamp));
        getOperation.record(start);
        return asOf;
    }

    /**
     * Returns the version valid at {@code asOfTimestamp} with its validTo, if a later version ended it: a
     * {@code VersionedKeyQuery}'s answer, which in Kafka Streams keeps what its store below found.
     */
    public VersionedRecord<V> query(K key, long asOfTimestamp) {
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

    private VersionedRecord<V> withoutValidTo(VersionedRecord<byte[]> raw) {
        return raw == null ? null : new VersionedRecord<>(value(raw.value()), raw.timestamp());
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
