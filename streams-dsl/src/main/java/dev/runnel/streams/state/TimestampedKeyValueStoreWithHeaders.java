package dev.runnel.streams.state;

/**
 * A key-value store that keeps each value's timestamp and record headers (KIP-1271), so that header-carried metadata
 * (schema ids, trace context) survives a store, its changelog and a restore. Build one with
 * {@link Stores#timestampedKeyValueStoreWithHeadersBuilder}.
 */
public interface TimestampedKeyValueStoreWithHeaders<K, V> extends KeyValueStore<K, ValueTimestampHeaders<V>> {
}
