package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;

/**
 * Reads a materialized table's values from its store: a timestamped key-value store, or a versioned store, which
 * also answers lookups as of a past time. One instance per processor; not thread-safe.
 */
final class StoreValueGetter<K, V> implements KTableValueGetter<K, V> {
    private final String storeName;
    private TimestampedKeyValueStore<K, V> timestamped;
    private VersionedKeyValueStore<K, V> versioned;

    StoreValueGetter(String storeName) {
        this.storeName = storeName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessingContext context) {
        StateStore store = context.getStateStore(storeName);
        if (store instanceof VersionedKeyValueStore<?, ?> versionedStore) {
            versioned = (VersionedKeyValueStore<K, V>) versionedStore;
        } else {
            timestamped = TimestampedKeyValueStoreFacade.timestampedView(store);
        }
    }

    @Override
    public ValueAndTimestamp<V> get(K key) {
        return versioned != null ? toValueAndTimestamp(versioned.get(key)) : timestamped.get(key);
    }

    @Override
    public boolean isVersioned() {
        return versioned != null;
    }

    @Override
    public ValueAndTimestamp<V> get(K key, long asOfTimestamp) {
        if (versioned == null) {
            return KTableValueGetter.super.get(key, asOfTimestamp);
        }
        return toValueAndTimestamp(versioned.get(key, asOfTimestamp));
    }

    private static <V> ValueAndTimestamp<V> toValueAndTimestamp(VersionedRecord<V> record) {
        return record == null ? null : ValueAndTimestamp.make(record.value(), record.timestamp());
    }
}
